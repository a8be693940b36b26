package org.misbridge.mis.http;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.spi.MisReadException;

/** A request that failed on an HTTP answer (after any retries), with that answer's status and any wait it asked for. */
public final class HttpStatusException extends MisReadException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final @Nullable Duration retryAfter;

    public HttpStatusException(String source, int status, String message) {
        this(source, status, message, null);
    }

    public HttpStatusException(String source, int status, String message, @Nullable Duration retryAfter) {
        super(source, 0, null, message, null);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** The wait a 429 or 503 asked for in {@code Retry-After}, or null when it asked for none. */
    public @Nullable Duration retryAfter() {
        return retryAfter;
    }

    /** The HTTP status of the last answer, e.g. 403 or 500. */
    public int status() {
        return status;
    }
}
