package org.misbridge.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads a school's credential (an API client secret, a token, a password) from where its
 * configuration points: a file named by {@code <key>File}, an environment variable named by
 * {@code <key>Env}, or the value itself encrypted, {@code <key>=ENC(…)}, which a registered
 * {@link Decryptor} (a Jasypt encryptor) turns back at activation. A plain value never enters the
 * configuration, so ConfigAdmin, {@code config:list}, the service registry and the web console hold at
 * most its ciphertext; a configuration that carries it unencrypted ({@code <key>} or {@code .<key>},
 * including a {@code ${env:…}} placeholder, which fileinstall resolves into ConfigAdmin) is refused.
 * Every message names the school, the property and the file, variable or encryptor, never the value.
 */
public final class Secrets {

    /** A credential is a line of text; a larger file is the wrong file. */
    public static final long MAX_FILE_BYTES = 8192;

    /**
     * The configuration property naming the {@link Decryptor} (its {@value Decryptor#ALIAS}) that
     * decrypts the configuration's {@code ENC(…)} values, as pax-jdbc-config names it.
     */
    public static final String DECRYPTOR = "decryptor";

    /** The encryptor a configuration without {@value #DECRYPTOR} uses. */
    public static final String DEFAULT_DECRYPTOR = "misbridge";

    private static final String ENV_NAME = "[A-Za-z_][A-Za-z0-9_]*";
    private static final String ENC_PREFIX = "ENC(";

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
        return readFor("school " + schoolId, key, file, env, karafHome, environment);
    }

    /**
     * The one way a credential is read from the file or environment variable a configuration names,
     * for any holder of one (a school's reader, an encryptor): every message starts with {@code owner}
     * ("school demo", "encryptor 'misbridge'") and names the key, the file or the variable, never the value.
     */
    public static Optional<String> readFor(String owner, String key, @Nullable String file, @Nullable String env,
            @Nullable String karafHome, Function<String, @Nullable String> environment) {
        String fileKey = key + "File";
        String envKey = key + "Env";
        boolean hasFile = file != null && !file.isBlank();
        boolean hasEnv = env != null && !env.isBlank();
        if (hasFile && hasEnv) {
            throw new IllegalArgumentException(owner + ": " + fileKey + " and " + envKey
                    + " are both set; give the " + key + " in one place only");
        }
        if (hasFile) {
            return Optional.of(fromFile(owner, fileKey, SchoolProperties.resolvePath(file, karafHome)));
        }
        if (hasEnv) {
            String name = env.strip();
            if (!name.matches(ENV_NAME)) {
                // not quoted: what was written there by mistake is most likely the secret itself
                throw new IllegalArgumentException(owner + ": " + envKey
                        + " is not an environment variable name (letters, digits and '_'); it names the variable, it does not hold the "
                        + key);
            }
            String value = environment.apply(name);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(owner + ": " + envKey + " names the environment variable "
                        + name + ", which is not set (or empty) in the Karaf process");
            }
            return Optional.of(value.strip());
        }
        return Optional.empty();
    }

    /**
     * Refuses a configuration that holds one of these credentials itself, under its plain or its
     * dotted name, encrypted or not ({@link #lookup} takes {@code ENC(…)} values).
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

    /** Whether a configuration value is an encrypted one, {@code ENC(…)}. */
    public static boolean isEncrypted(@Nullable Object value) {
        if (!(value instanceof String text)) {
            return false;
        }
        String s = text.strip();
        return s.startsWith(ENC_PREFIX) && s.endsWith(")");
    }

    /**
     * The decryptors of a DS reference, by their {@value Decryptor#ALIAS}; of two with one alias, the
     * later (the higher-ranked, in a DS reference's order) wins.
     */
    public static Map<String, Decryptor> byAlias(
            Collection<? extends Map.Entry<? extends Map<String, ?>, ? extends Decryptor>> services) {
        Map<String, Decryptor> byAlias = new LinkedHashMap<>();
        for (Map.Entry<? extends Map<String, ?>, ? extends Decryptor> service : services) {
            if (service.getKey().get(Decryptor.ALIAS) instanceof String alias && !alias.isBlank()) {
                byAlias.put(alias.strip(), service.getValue());
            }
        }
        return byAlias;
    }

    /**
     * Checks the credentials {@code keys} a school's configuration may carry itself: each absent, or
     * {@code ENC(…)} with the configuration's {@value #DECRYPTOR} (default {@value #DEFAULT_DECRYPTOR})
     * among {@code decryptors}. A configuration without {@code ENC(…)} values needs no decryptor.
     *
     * @param properties the component's configuration properties, only looked at for these keys and {@value #DECRYPTOR}
     * @param decryptors the registered decryptors by alias ({@link #byAlias})
     * @throws IllegalArgumentException for a plain value, a malformed {@code ENC(…)}, or an encryptor not registered
     */
    public static Lookup lookup(String schoolId, Map<String, ?> properties, Map<String, Decryptor> decryptors,
            String... keys) {
        return new Lookup(schoolId, properties, decryptors, keys);
    }

    /**
     * Where a school's credentials come from, checked: {@link #read} gives each from the one place its
     * configuration names, decrypting an {@code ENC(…)} value with the configuration's decryptor.
     */
    public static final class Lookup {

        private final String schoolId;
        private final String alias;
        private final @Nullable Decryptor decryptor;
        private final Map<String, String> cipherTexts = new LinkedHashMap<>();

        private Lookup(String schoolId, Map<String, ?> properties, Map<String, Decryptor> decryptors, String... keys) {
            this.schoolId = schoolId;
            for (String key : keys) {
                for (String name : new String[] {key, "." + key}) {
                    Object value = properties.get(name);
                    if (value == null || value.toString().isBlank()) {
                        continue;
                    }
                    if (!isEncrypted(value)) {
                        throw new IllegalArgumentException("school " + schoolId + ": " + name + " holds the " + key
                                + " itself, which ConfigAdmin would keep and config:list would show; remove it and set "
                                + key + "File (a file only the Karaf user can read) or " + key
                                + "Env (the name of an environment variable), or write it encrypted as ENC(…) (school:encrypt)");
                    }
                    if (cipherTexts.containsKey(key)) {
                        throw new IllegalArgumentException("school " + schoolId + ": " + key + " and ." + key
                                + " are both set; give the " + key + " once");
                    }
                    String inside = value.toString().strip();
                    inside = inside.substring(ENC_PREFIX.length(), inside.length() - 1).strip();
                    if (inside.isEmpty() || !inside.chars().allMatch(Secrets::isCipherTextChar)) {
                        throw new IllegalArgumentException("school " + schoolId + ": " + name + " is ENC(…) but what is"
                                + " inside is not an encrypted value (Base64, as school:encrypt prints it)"
                                + (inside.indexOf(',') >= 0 ? "; name the encryptor with " + DECRYPTOR + "=<alias>, not inside ENC(…)" : ""));
                    }
                    cipherTexts.put(key, inside);
                }
            }
            Object named = properties.get(DECRYPTOR);
            this.alias = named == null || named.toString().isBlank() ? DEFAULT_DECRYPTOR : named.toString().strip();
            this.decryptor = cipherTexts.isEmpty() ? null : decryptors.get(alias);
            if (!cipherTexts.isEmpty() && decryptor == null) {
                throw new IllegalArgumentException("school " + schoolId + ": " + String.join(" and ", cipherTexts.keySet())
                        + (cipherTexts.size() == 1 ? " is" : " are") + " encrypted (ENC(…)) but no encryptor with alias '"
                        + alias + "' is registered" + (decryptors.isEmpty() ? "" : " (there are: "
                        + String.join(", ", new TreeSet<>(decryptors.keySet())) + ")")
                        + "; install the feature misbridge-jasypt and configure the encryptor in etc/org.misbridge.jasypt.encryptor-"
                        + alias + ".cfg (docs/configuration.md, \"Credentials\"). The school's configuration is activated by itself once it is registered");
            }
        }

        /** The alias of the encryptor this configuration's {@code ENC(…)} values are decrypted with. */
        public String decryptorAlias() {
            return alias;
        }

        /**
         * The credential {@code key}: decrypted from the configuration, or from the file or the environment
         * variable it names; empty when it gives none.
         *
         * @throws IllegalArgumentException when it is given in more than one place, or cannot be read or decrypted
         */
        public Optional<String> read(String key, @Nullable String file, @Nullable String env, @Nullable String karafHome) {
            return read(key, file, env, karafHome, System::getenv);
        }

        /** As {@link #read(String, String, String, String)}, with the environment given (for tests). */
        public Optional<String> read(String key, @Nullable String file, @Nullable String env, @Nullable String karafHome,
                Function<String, @Nullable String> environment) {
            String cipherText = cipherTexts.get(key);
            if (cipherText == null) {
                return Secrets.read(schoolId, key, file, env, karafHome, environment);
            }
            if (file != null && !file.isBlank() || env != null && !env.isBlank()) {
                throw new IllegalArgumentException("school " + schoolId + ": the " + key + " is given encrypted in the"
                        + " configuration and also by " + key + (file != null && !file.isBlank() ? "File" : "Env")
                        + "; give it in one place only");
            }
            return Optional.of(decrypt(key, cipherText));
        }

        // the causes are left out: a library's message could quote what it was given
        private String decrypt(String key, String cipherText) {
            Decryptor d = Objects.requireNonNull(decryptor);
            String plain;
            try {
                plain = d.decrypt(cipherText);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("school " + schoolId + ": " + key + " cannot be decrypted with the encryptor '"
                        + alias + "': it was encrypted with another password or algorithm, or the value is damaged;"
                        + " encrypt it again with school:encrypt");
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException("school " + schoolId + ": the encryptor '" + alias + "' cannot decrypt "
                        + key + ": " + e.getMessage());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("school " + schoolId + ": " + key + " cannot be decrypted with the encryptor '"
                        + alias + "' (" + e.getClass().getSimpleName() + ")");
            }
            if (plain == null || plain.isBlank()) {
                throw new IllegalArgumentException("school " + schoolId + ": " + key + " decrypts to an empty value");
            }
            return plain.strip();
        }
    }

    private static boolean isCipherTextChar(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=';
    }

    private static String fromFile(String owner, String fileKey, Path path) {
        try {
            if (Files.size(path) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(owner + ": " + fileKey + " " + path + " is larger than "
                        + MAX_FILE_BYTES + " bytes; it should hold only the credential");
            }
            String value = Files.readString(path, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new IllegalArgumentException(owner + ": " + fileKey + " " + path + " is empty");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage().startsWith(owner + ": ")) {
                throw iae;
            }
            // the cause is left out: a decoding error could quote the file's bytes
            throw new IllegalArgumentException(owner + ": " + fileKey + " " + path + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
