package org.misbridge.jasypt.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.SchoolProperties;
import org.misbridge.api.Secrets;

/**
 * Reads an encryptor's password from the file or the environment variable its configuration
 * names, as {@link Secrets} reads a school's credentials; every message names the encryptor and
 * the file or variable, never the password.
 */
final class EncryptionPassword {

    /** A shorter password is guessed too easily for what it guards: every school's credentials. */
    static final int MIN_LENGTH = 12;

    private static final String ENV_NAME = "[A-Za-z_][A-Za-z0-9_]*";

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
        boolean hasFile = file != null && !file.isBlank();
        boolean hasEnv = env != null && !env.isBlank();
        if (hasFile == hasEnv) {
            throw new IllegalArgumentException(who + (hasFile ? "passwordFile and passwordEnv are both set; give one"
                    : "no password; set passwordFile (a file only the Karaf user can read) or passwordEnv (the name of an"
                            + " environment variable of the Karaf process)"));
        }
        String password;
        if (hasFile) {
            Path path = SchoolProperties.resolvePath(file, karafHome);
            password = fromFile(who, path);
        } else {
            String name = env.strip();
            if (!name.matches(ENV_NAME)) {
                throw new IllegalArgumentException(who + "passwordEnv is not an environment variable name (letters, digits"
                        + " and '_'); it names the variable, it does not hold the password");
            }
            String value = environment.apply(name);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(who + "passwordEnv names the environment variable " + name
                        + ", which is not set (or empty) in the Karaf process");
            }
            password = value.strip();
        }
        if (password.length() < MIN_LENGTH) {
            throw new IllegalArgumentException(who + "the password is shorter than " + MIN_LENGTH + " characters");
        }
        return password.toCharArray();
    }

    private static String fromFile(String who, Path path) {
        try {
            if (Files.size(path) > Secrets.MAX_FILE_BYTES) {
                throw new IllegalArgumentException(who + "passwordFile " + path + " is larger than " + Secrets.MAX_FILE_BYTES
                        + " bytes; it should hold only the password");
            }
            String value = Files.readString(path, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new IllegalArgumentException(who + "passwordFile " + path + " is empty");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage().startsWith(who)) {
                throw iae;
            }
            // the cause is left out: a decoding error could quote the file's bytes
            throw new IllegalArgumentException(who + "passwordFile " + path + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }
}
