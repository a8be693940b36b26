package org.misbridge.security.internal;

import java.security.Principal;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.ClientPrincipal;

/**
 * Where a login comes from, as the Karaf SSH server (and our HTTP endpoints) put it in the subject
 * before the login: a {@link ClientPrincipal} with the method and the peer's address. The port is left
 * out: each connection has its own.
 *
 * @param method {@code ssh}, {@code http}, or {@code unknown}
 * @param host the peer's address, or {@code unknown} when the login says nothing of it
 */
record ClientAddress(String method, String host) {

    static final String UNKNOWN = "unknown";

    static ClientAddress of(Subject subject) {
        for (Principal p : subject.getPrincipals()) {
            if (p instanceof ClientPrincipal client) {
                String method = client.getMethod() == null || client.getMethod().isBlank() ? UNKNOWN : client.getMethod();
                return new ClientAddress(method, client.getAddress() == null ? UNKNOWN : host(client.getAddress()));
            }
        }
        return new ClientAddress(UNKNOWN, UNKNOWN);
    }

    /** The host of {@code /127.0.0.1:35700}, {@code localhost/127.0.0.1:22}, {@code /[::1]:35700}, {@code 127.0.0.1} or {@code ::1}. */
    static String host(String address) {
        String a = address.strip();
        a = a.substring(a.lastIndexOf('/') + 1);
        if (a.startsWith("[")) {
            int end = a.indexOf(']');
            return end > 1 ? a.substring(1, end) : UNKNOWN;
        }
        int colon = a.indexOf(':');
        if (colon >= 0 && colon == a.lastIndexOf(':')) {
            a = a.substring(0, colon);
        }
        return a.isEmpty() ? UNKNOWN : a;
    }
}
