package org.misbridge.meals.internal;

/** A push the meal manager did not acknowledge; the message names the cause and never a secret. */
final class PushException extends Exception {

    private static final long serialVersionUID = 1L;

    PushException(String message) {
        super(message);
    }

    PushException(String message, Throwable cause) {
        super(message, cause);
    }
}
