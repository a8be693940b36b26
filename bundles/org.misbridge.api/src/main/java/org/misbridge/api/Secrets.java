package org.misbridge.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads a school's credential (an API client secret, a token, a password) from where its
 * configuration points: a file named by {@code <key>File} or an environment variable named by
 * {@code <key>Env}. The value itself never enters the configuration, so ConfigAdmin,
 * {@code config:list}, the service registry and the web console never hold it; a configuration that
 * carries the value inline ({@code <key>} or {@code .<key>}, including a {@code ${env:…}}
 * placeholder, which fileinstall resolves into ConfigAdmin) is refused. Every message names the
 * school, the property and the file or variable, never the value.
 */
public final class Secrets {

    /** A credential is a line of text; a larger file is the wrong file. */
    public static final long MAX_FILE_BYTES = 8192;

    private static final String ENV_NAME = "[A-Za-z_][A-Za-z0-9_]*";

    private Secrets() {
    }

    /**
     * The credential {@code key} of the school, from the file or the environment variable its
     * configuration names; empty when it names neither.
     *
     * @param file the value of {@code <key>File}: a path, relative ones taken from the Karaf home
     * @param env the value of {@code <key>Env}: the name of an environment variable of the Karaf process
     * @throws IllegalArgumentException when both are given, the file cannot be read or is empty,
     *         or the variable is not set
     */
    public static Optional<String> read(String schoolId, String key, @Nullable String file, @Nullable String env,
            @Nullable String karafHome) {
        return read(schoolId, key, file, env, karafHome, System::getenv);
    }

    /** As {@link #read(String, String, String, String, String)}, with the environment given (for tests). */
    public static Optional<String> read(String schoolId, String key, @Nullable String file, @Nullable String env,
            @Nullable String karafHome, Function<String, @Nullable String> environment) {
        String fileKey = key + "File";
        String envKey = key + "Env";
        boolean hasFile = file != null && !file.isBlank();
        boolean hasEnv = env != null && !env.isBlank();
        if (hasFile && hasEnv) {
            throw new IllegalArgumentException("school " + schoolId + ": " + fileKey + " and " + envKey
                    + " are both set; give the " + key + " in one place only");
        }
        if (hasFile) {
            return Optional.of(fromFile(schoolId, fileKey, SchoolProperties.resolvePath(file, karafHome)));
        }
        if (hasEnv) {
            String name = env.strip();
            if (!name.matches(ENV_NAME)) {
                throw new IllegalArgumentException("school " + schoolId + ": " + envKey + " '" + name
                        + "' is not an environment variable name (letters, digits and '_'); it names the variable, it does not hold the "
                        + key);
            }
            String value = environment.apply(name);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("school " + schoolId + ": " + envKey + " names the environment variable "
                        + name + ", which is not set (or empty) in the Karaf process");
            }
            return Optional.of(value.strip());
        }
        return Optional.empty();
    }

    /**
     * Refuses a configuration that holds one of these credentials itself, under its plain or its
     * dotted name.
     *
     * @param properties the component's configuration properties, only looked at for these keys
     */
    public static void refuseInline(String schoolId, Map<String, ?> properties, String... keys) {
        for (String key : keys) {
            for (String name : new String[] {key, "." + key}) {
                Object value = properties.get(name);
                if (value != null && !value.toString().isBlank()) {
                    throw new IllegalArgumentException("school " + schoolId + ": " + name + " holds the " + key
                            + " itself, which ConfigAdmin would keep and config:list would show; remove it and set "
                            + key + "File (a file only the Karaf user can read) or " + key
                            + "Env (the name of an environment variable)");
                }
            }
        }
    }

    private static String fromFile(String schoolId, String fileKey, Path path) {
        try {
            if (Files.size(path) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException("school " + schoolId + ": " + fileKey + " " + path + " is larger than "
                        + MAX_FILE_BYTES + " bytes; it should hold only the credential");
            }
            String value = Files.readString(path, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new IllegalArgumentException("school " + schoolId + ": " + fileKey + " " + path + " is empty");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage().startsWith("school ")) {
                throw iae;
            }
            // the cause is left out: a decoding error could quote the file's bytes
            throw new IllegalArgumentException("school " + schoolId + ": " + fileKey + " " + path + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
