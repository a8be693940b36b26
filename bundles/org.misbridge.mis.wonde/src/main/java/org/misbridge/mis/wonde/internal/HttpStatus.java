package org.misbridge.mis.wonde.internal;

import org.misbridge.api.spi.MisReadException;
import org.misbridge.mis.http.HttpStatusException;

/** The HTTP status a failed request ended with, where an HTTP answer ended it. */
final class HttpStatus {

    private HttpStatus() {
    }

    /** The status, or 0 when the failure was not an HTTP answer (I/O error, TLS, size cap). */
    static int of(MisReadException e) {
        return e instanceof HttpStatusException h ? h.status() : 0;
    }

    /** Forbidden or not found: the school or the token's scopes do not share this collection. */
    static boolean notShared(MisReadException e) {
        int status = of(e);
        return status == 403 || status == 404;
    }
}
