package org.misbridge.jasypt.internal;

import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Secrets;

/**
 * An encryptor's password, read by {@link Secrets#readFor} from the file or the environment
 * variable its configuration names, as a school's credentials are; on top: it must be given, not
 * inline, and long enough. Every message names the encryptor and the file or variable, never the password.
 */
final class EncryptionPassword {

    /** A shorter password is guessed too easily for what it guards: every school's credentials. */
    static final int MIN_LENGTH = 12;

    private EncryptionPassword() {
    }

    static char[] read(String alias, Map<String, ?> properties, @Nullable String file, @Nullable String env,
            @Nullable String karafHome, Function<String, @Nullable String> environment) {
        String who = "encryptor '" + alias + "': ";
        for (String inline : new String[] {"password", ".password"}) {
            Object value = properties.get(inline);
            if (value != null && !value.toString().isBlank()) {
                throw new IllegalArgumentException(who + inline + " holds the password itself, which ConfigAdmin would keep"
                        + " and config:list would show; remove it and set passwordFile or passwordEnv");
            }
        }
        String password = Secrets.readFor("encryptor '" + alias + "'", "password", file, env, karafHome, environment)
                .orElseThrow(() -> new IllegalArgumentException(who + "no password; set passwordFile (a file only the Karaf"
                        + " user can read) or passwordEnv (the name of an environment variable of the Karaf process)"));
        if (password.length() < MIN_LENGTH) {
            throw new IllegalArgumentException(who + "the password is shorter than " + MIN_LENGTH + " characters");
        }
        return password.toCharArray();
    }
}
