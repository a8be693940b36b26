package org.misbridge.mis.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.spi.MisReadException;

/**
 * What a reader sends in the {@code Authorization} header. Implementations never put the secret
 * in {@link #toString()}, logs or exception messages.
 */
@FunctionalInterface
public interface Credentials {

    /**
     * The header value, or null to send none. {@code renew} is true once after the server
     * answered 401, so that a cached token can be replaced.
     */
    @Nullable String authorization(boolean renew) throws MisReadException;

    static Credentials none() {
        return renew -> null;
    }

    /** A fixed bearer token, as Wonde issues per school. */
    static Credentials bearer(String token) {
        String header = "Bearer " + token;
        return new Credentials() {
            @Override
            public String authorization(boolean renew) {
                return header;
            }

            @Override
            public String toString() {
                return "Bearer ****";
            }
        };
    }

    /** HTTP Basic with a user name and password. */
    static Credentials basic(String user, String password) {
        String header = basicHeader(user, password);
        return new Credentials() {
            @Override
            public String authorization(boolean renew) {
                return header;
            }

            @Override
            public String toString() {
                return "Basic " + user + ":****";
            }
        };
    }

    /** The Basic header value; the user name is sent as given (Xporter's contains a '|'). */
    static String basicHeader(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
