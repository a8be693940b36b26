package org.misbridge.mis.wonde.internal;

import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Decryptor;
import org.misbridge.api.Secrets;
import org.misbridge.mis.http.Credentials;

/**
 * Finds a school's Wonde token where its configuration points ({@code wonde.tokenFile},
 * {@code wonde.tokenEnv}, or {@code wonde.token=ENC(…)} with its encryptor registered, see
 * {@link Secrets}) and turns it into bearer credentials. A token written into the configuration in
 * plain text is refused. No message it writes quotes the token, and the credentials' {@code toString}
 * masks it.
 */
final class WondeToken {

    static final String KEY = "wonde.token";

    private WondeToken() {
    }

    static Credentials credentials(String schoolId, WondeConfiguration config, Map<String, ?> properties,
            Map<String, Decryptor> decryptors, @Nullable String karafHome, Function<String, @Nullable String> environment) {
        String token = Secrets.lookup(schoolId, properties, decryptors, KEY)
                .read(KEY, config.wonde_tokenFile(), config.wonde_tokenEnv(), karafHome, environment)
                .orElseThrow(() -> new IllegalArgumentException("school " + schoolId + ": no Wonde token; set "
                        + KEY + "File (a file holding it), " + KEY + "Env (the name of an environment variable holding it) or "
                        + KEY + "=ENC(…) (encrypted with school:encrypt)"));
        check(schoolId, token);
        return Credentials.bearer(token);
    }

    /** A token goes into a header: whitespace or control characters inside it mean a bad paste. */
    private static void check(String schoolId, String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c > 0x7e) {
                throw new IllegalArgumentException("school " + schoolId + ": the Wonde token contains a space, line break "
                        + "or non-ASCII character at position " + (i + 1));
            }
        }
    }
}
