package org.misbridge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap.SimpleEntry;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

    private static final String SECRET = "s3cret-Value-7d1";

    @TempDir
    Path dir;

    @Test
    void aSecretComesFromTheFileItsConfigurationNames() throws Exception {
        Files.writeString(dir.resolve("greenfield-oneroster"), SECRET + "\n");
        assertThat(Secrets.read("greenfield", "rest.clientSecret", "greenfield-oneroster", null, dir.toString()))
                .contains(SECRET);
    }

    @Test
    void aSecretComesFromTheEnvironmentVariableItsConfigurationNames() {
        assertThat(Secrets.read("greenfield", "wonde.token", null, "WONDE_GREENFIELD", null,
                name -> name.equals("WONDE_GREENFIELD") ? " " + SECRET + " " : null)).contains(SECRET);
    }

    @Test
    void noFileAndNoVariableMeansNoSecret() {
        assertThat(Secrets.read("greenfield", "meals.password", "", " ", null, name -> SECRET)).isEmpty();
    }

    @Test
    void anUnsetVariableIsRefusedByName() {
        assertThatThrownBy(() -> Secrets.read("greenfield", "wonde.token", null, "WONDE_MISSING", null, name -> null))
                .hasMessageContaining("school greenfield").hasMessageContaining("wonde.tokenEnv")
                .hasMessageContaining("WONDE_MISSING").hasMessageContaining("not set");
    }

    @Test
    void aValuePastedWhereTheVariableNameGoesIsRefusedWithoutQuotingIt() {
        // a token pasted into wonde.tokenEnv by mistake: the error names the key, never what was pasted
        assertThatThrownBy(() -> Secrets.read("greenfield", "wonde.token", null, "tok-3c8d21b7aa", null, name -> null))
                .hasMessageContaining("wonde.tokenEnv is not an environment variable name")
                .hasMessageNotContaining("tok-3c8d21b7aa");
    }

    @Test
    void aFileAndAVariableTogetherAreRefused() {
        assertThatThrownBy(() -> Secrets.read("greenfield", "meals.token", "f", "V", null, name -> SECRET))
                .hasMessageContaining("meals.tokenFile and meals.tokenEnv are both set")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void anUnreadableEmptyOrHugeFileIsRefusedWithoutItsContent() throws Exception {
        assertThatThrownBy(() -> Secrets.read("greenfield", "rest.token", dir.resolve("none").toString(), null, null))
                .hasMessageContaining("rest.tokenFile").hasMessageContaining("cannot be read (NoSuchFileException)");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> Secrets.read("greenfield", "rest.token", empty.toString(), null, null))
                .hasMessageContaining("is empty");
        Path huge = Files.writeString(dir.resolve("huge"), SECRET.repeat(1000));
        assertThatThrownBy(() -> Secrets.read("greenfield", "rest.token", huge.toString(), null, null))
                .hasMessageContaining("larger than").hasMessageNotContaining(SECRET);
    }

    @Test
    void aSecretWrittenIntoTheConfigurationIsRefusedUnderEitherName() {
        assertThatThrownBy(() -> Secrets.refuseInline("greenfield", Map.of(".wonde.token", SECRET), "wonde.token"))
                .hasMessageContaining(".wonde.token holds the wonde.token itself").hasMessageContaining("wonde.tokenFile")
                .hasMessageContaining("wonde.tokenEnv").hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> Secrets.refuseInline("greenfield", Map.of("meals.password", SECRET),
                "meals.token", "meals.password")).hasMessageContaining("meals.password holds").hasMessageNotContaining(SECRET);
        Secrets.refuseInline("greenfield", Map.of("meals.passwordFile", "/x", "meals.password", " "), "meals.password");
    }

    // --- ENC(…) values: the rules; the Jasypt encryptor behind a Decryptor is tested in org.misbridge.jasypt

    /** Stands for an encryptor whose "ciphertext" is the Base64 of the plaintext, so a test can make one. */
    private static final Decryptor BASE64 = cipherText -> {
        try {
            return new String(Base64.getDecoder().decode(cipherText), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not decryptable");
        }
    };

    private static String enc(String plain) {
        return "ENC(" + Base64.getEncoder().encodeToString(plain.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ")";
    }

    @Test
    void anEncryptedSecretIsDecryptedWithTheDefaultEncryptor() {
        Secrets.Lookup lookup = Secrets.lookup("greenfield", Map.of("rest.clientSecret", enc(SECRET)),
                Map.of("misbridge", BASE64), "rest.clientSecret", "rest.token");
        assertThat(lookup.decryptorAlias()).isEqualTo("misbridge");
        assertThat(lookup.read("rest.clientSecret", "", "", null)).contains(SECRET);
        assertThat(lookup.read("rest.token", null, null, null)).isEmpty();
    }

    @Test
    void theConfigurationsDecryptorNamesTheEncryptorAndADottedNameWorksToo() {
        Decryptor refuses = c -> {
            throw new IllegalArgumentException("wrong one");
        };
        Secrets.Lookup lookup = Secrets.lookup("greenfield", Map.of(".wonde.token", " " + enc(SECRET) + " ", "decryptor", "school-keys"),
                Map.of("misbridge", refuses, "school-keys", BASE64), "wonde.token");
        assertThat(lookup.read("wonde.token", null, null, null)).contains(SECRET);
    }

    @Test
    void aConfigurationWithoutEncryptedValuesNeedsNoEncryptor() throws Exception {
        Files.writeString(dir.resolve("token"), SECRET);
        Secrets.Lookup lookup = Secrets.lookup("greenfield", Map.of("decryptor", "nowhere", "rest.tokenFile", "token"),
                Map.of(), "rest.clientSecret", "rest.token");
        assertThat(lookup.read("rest.token", "token", null, dir.toString())).contains(SECRET);
    }

    @Test
    void anEncryptedValueWithoutItsEncryptorRegisteredIsRefusedNamingTheAliasAndWhatToInstall() {
        assertThatThrownBy(() -> Secrets.lookup("greenfield", Map.of("meals.password", enc(SECRET), "meals.token", enc("t")),
                Map.of(), "meals.password", "meals.token"))
                .hasMessageContaining("school greenfield: meals.password and meals.token are encrypted (ENC(…))")
                .hasMessageContaining("no encryptor with alias 'misbridge' is registered")
                .hasMessageContaining("feature misbridge-jasypt")
                .hasMessageContaining("etc/org.misbridge.jasypt.encryptor-misbridge.cfg")
                .hasMessageContaining("activated by itself once it is registered")
                .hasMessageNotContaining(SECRET).hasMessageNotContaining(enc(SECRET));
        assertThatThrownBy(() -> Secrets.lookup("greenfield", Map.of("wonde.token", enc(SECRET), "decryptor", "other"),
                Map.of("misbridge", BASE64, "pax", BASE64), "wonde.token"))
                .hasMessageContaining("no encryptor with alias 'other' is registered (there are: misbridge, pax)");
    }

    @Test
    void aPlainValueIsStillRefusedAndTheMessageOffersEncryption() {
        assertThatThrownBy(() -> Secrets.lookup("greenfield", Map.of("rest.token", SECRET), Map.of("misbridge", BASE64),
                "rest.token"))
                .hasMessageContaining("rest.token holds the rest.token itself").hasMessageContaining("ENC(…) (school:encrypt)")
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> Secrets.lookup("greenfield", Map.of("rest.token", "ENC(" + SECRET), Map.of("misbridge", BASE64),
                "rest.token")).hasMessageContaining("holds the rest.token itself").hasMessageNotContaining(SECRET);
    }

    @Test
    void aMalformedEncryptedValueIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> Secrets.lookup("greenfield", Map.of("rest.token", "ENC(not base64!)"), Map.of("misbridge", BASE64),
                "rest.token")).hasMessageContaining("rest.token is ENC(…) but what is inside is not an encrypted value")
                .hasMessageNotContaining("not base64!");
        assertThatThrownBy(() -> Secrets.lookup("greenfield", Map.of("rest.token", "ENC(abc,pax)"), Map.of("misbridge", BASE64),
                "rest.token")).hasMessageContaining("name the encryptor with decryptor=<alias>");
        assertThatThrownBy(() -> Secrets.lookup("greenfield", Map.of("rest.token", "ENC( )"), Map.of("misbridge", BASE64),
                "rest.token")).hasMessageContaining("is not an encrypted value");
        assertThatThrownBy(() -> Secrets.lookup("greenfield", Map.of("rest.token", enc("a"), ".rest.token", enc("b")),
                Map.of("misbridge", BASE64), "rest.token")).hasMessageContaining("rest.token and .rest.token are both set");
    }

    @Test
    void anEncryptedValueAndAFileOrVariableForTheSameCredentialAreRefused() {
        Secrets.Lookup lookup = Secrets.lookup("greenfield", Map.of("meals.token", enc(SECRET)), Map.of("misbridge", BASE64),
                "meals.token");
        assertThatThrownBy(() -> lookup.read("meals.token", "/some/file", null, null))
                .hasMessageContaining("the meals.token is given encrypted in the configuration and also by meals.tokenFile");
        assertThatThrownBy(() -> lookup.read("meals.token", null, "MEALS_TOKEN", null, name -> "x"))
                .hasMessageContaining("also by meals.tokenEnv").hasMessageNotContaining(SECRET);
    }

    @Test
    void aValueTheEncryptorCannotDecryptFailsNamingSchoolKeyAndEncryptorButNotTheValue() {
        Decryptor wrongPassword = c -> {
            throw new IllegalArgumentException("library text quoting " + c);
        };
        Secrets.Lookup lookup = Secrets.lookup("greenfield", Map.of("rest.clientSecret", enc(SECRET)),
                Map.of("misbridge", wrongPassword), "rest.clientSecret");
        assertThatThrownBy(() -> lookup.read("rest.clientSecret", null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("school greenfield: rest.clientSecret cannot be decrypted with the encryptor 'misbridge'")
                .hasMessageContaining("another password").hasMessageNotContaining("library text")
                .hasMessageNotContaining(enc(SECRET).substring(4, 12)).hasNoCause();

        Decryptor broken = c -> {
            throw new IllegalStateException("its password is not set (EncryptionInitializationException)");
        };
        assertThatThrownBy(() -> Secrets.lookup("greenfield", Map.of("rest.clientSecret", enc(SECRET)), Map.of("misbridge", broken),
                "rest.clientSecret").read("rest.clientSecret", null, null, null))
                .hasMessage("school greenfield: the encryptor 'misbridge' cannot decrypt rest.clientSecret: its password is not set"
                        + " (EncryptionInitializationException)");

        Decryptor odd = c -> {
            throw new UnsupportedOperationException(c);
        };
        assertThatThrownBy(() -> Secrets.lookup("greenfield", Map.of("rest.clientSecret", enc(SECRET)), Map.of("misbridge", odd),
                "rest.clientSecret").read("rest.clientSecret", null, null, null))
                .hasMessageEndingWith("(UnsupportedOperationException)").hasNoCause();

        assertThatThrownBy(() -> Secrets.lookup("greenfield", Map.of("rest.clientSecret", enc(" ")), Map.of("misbridge", BASE64),
                "rest.clientSecret").read("rest.clientSecret", null, null, null)).hasMessageContaining("decrypts to an empty value");
    }

    @Test
    void decryptorsAreFoundByTheirAliasServiceProperty() {
        Decryptor first = c -> "1";
        Decryptor higher = c -> "2";
        Map<String, Decryptor> byAlias = Secrets.byAlias(List.of(
                new SimpleEntry<>(Map.<String, Object>of("alias", "misbridge"), first),
                new SimpleEntry<>(Map.<String, Object>of("service.id", 7L), BASE64),
                new SimpleEntry<>(Map.<String, Object>of("alias", " misbridge "), higher),
                new SimpleEntry<>(Map.<String, Object>of("alias", "pax"), BASE64)));
        assertThat(byAlias).containsOnlyKeys("misbridge", "pax");
        assertThat(byAlias.get("misbridge")).isSameAs(higher);
    }

    @Test
    void encryptedMeansEncParenthesised() {
        assertThat(Secrets.isEncrypted(" ENC(abc) ")).isTrue();
        assertThat(Secrets.isEncrypted("ENC(abc")).isFalse();
        assertThat(Secrets.isEncrypted("enc(abc)")).isFalse();
        assertThat(Secrets.isEncrypted(42)).isFalse();
        assertThat(Secrets.isEncrypted(null)).isFalse();
    }
}
