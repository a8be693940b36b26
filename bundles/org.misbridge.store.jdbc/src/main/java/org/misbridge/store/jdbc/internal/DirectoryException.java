package org.misbridge.store.jdbc.internal;

/** A directory store operation failed; the message names the table and operation. */
public final class DirectoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DirectoryException(String message, Throwable cause) {
        super(message, cause);
    }

    public DirectoryException(String message) {
        super(message);
    }
}
