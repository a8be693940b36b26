package org.misbridge.meals.internal;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A push the meal manager did not acknowledge; the message names the cause and never a secret. */
final class PushException extends Exception {

    private static final long serialVersionUID = 1L;

    private final @Nullable Duration retryAfter;

    PushException(String message) {
        super(message);
        this.retryAfter = null;
    }

    PushException(String message, Throwable cause) {
        super(message, cause);
        this.retryAfter = null;
    }

    PushException(String message, @Nullable Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** The wait the meal manager asked for (429 or 503 with {@code Retry-After}), or null. */
    @Nullable Duration retryAfter() {
        return retryAfter;
    }
}
