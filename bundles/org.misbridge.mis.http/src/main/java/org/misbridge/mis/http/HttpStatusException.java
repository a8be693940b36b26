package org.misbridge.mis.http;

import org.misbridge.api.spi.MisReadException;

/** A read that failed on an HTTP answer (after any retries), with that answer's status. */
public final class HttpStatusException extends MisReadException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public HttpStatusException(String source, int status, String message) {
        super(source, 0, null, message, null);
        this.status = status;
    }

    /** The HTTP status of the last answer, e.g. 403 or 500. */
    public int status() {
        return status;
    }
}
