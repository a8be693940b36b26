package org.misbridge.jasypt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jasypt.encryption.pbe.StandardPBEStringEncryptor;
import org.jasypt.iv.RandomIvGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.Secrets;
import org.misbridge.testkit.Configs;

/** The configured encryptor is Jasypt's own, with its password from a file or a variable; nothing quotes a secret. */
class EncryptorComponentTest {

    private static final String PASSWORD = "correct-Horse-battery-77";
    private static final String SECRET = "Api-Secret-d41d8cd9";

    @TempDir
    Path dir;

    static EncryptorConfiguration config(Map<String, Object> values) {
        return Configs.of(EncryptorConfiguration.class, values);
    }

    private EncryptorComponent withPasswordFile(String alias, String password) throws Exception {
        Path file = Files.writeString(dir.resolve(alias + ".password"), password + "\n");
        return new EncryptorComponent(config(Map.of("alias", alias, "passwordFile", file.toString())), Map.of(), null, n -> null);
    }

    @Test
    void whatItEncryptsItDecryptsAndEachValueIsSaltedAfresh() throws Exception {
        EncryptorComponent encryptor = withPasswordFile("misbridge", PASSWORD);
        String first = encryptor.encrypt(SECRET);
        String second = encryptor.encrypt(SECRET);
        assertThat(first).isNotEqualTo(second).doesNotContain(SECRET);
        assertThat(encryptor.decrypt(first)).isEqualTo(SECRET);
        assertThat(encryptor.decrypt(second)).isEqualTo(SECRET);
        assertThat(Secrets.isEncrypted("ENC(" + first + ")")).isTrue();
    }

    @Test
    void itReadsValuesMadeByJasyptItselfWithTheSameSettings() throws Exception {
        // as Jasypt's encrypt.sh makes them: algorithm=PBEWITHHMACSHA512ANDAES_256 ivGeneratorClassName=org.jasypt.iv.RandomIvGenerator
        StandardPBEStringEncryptor jasypt = new StandardPBEStringEncryptor();
        jasypt.setAlgorithm("PBEWITHHMACSHA512ANDAES_256");
        jasypt.setIvGenerator(new RandomIvGenerator());
        jasypt.setPassword(PASSWORD);
        assertThat(withPasswordFile("misbridge", PASSWORD).decrypt(jasypt.encrypt(SECRET))).isEqualTo(SECRET);
    }

    @Test
    void thePasswordMayComeFromAnEnvironmentVariableNamedInTheConfiguration() {
        Map<String, Object> values = Map.of("passwordEnv", "MISBRIDGE_ENCRYPTION_PASSWORD");
        EncryptorComponent encryptor = new EncryptorComponent(config(values), Map.of(), null,
                name -> name.equals("MISBRIDGE_ENCRYPTION_PASSWORD") ? PASSWORD : null);
        EncryptorComponent again = new EncryptorComponent(config(values), Map.of(), null,
                name -> name.equals("MISBRIDGE_ENCRYPTION_PASSWORD") ? " " + PASSWORD + "\n" : null);
        assertThat(again.decrypt(encryptor.encrypt(SECRET))).isEqualTo(SECRET);
    }

    @Test
    void aMissingShortInlineOrDoublyGivenPasswordIsRefusedWithoutQuotingIt() throws Exception {
        assertThatThrownBy(() -> new EncryptorComponent(config(Map.of()), Map.of(), null, n -> null))
                .hasMessageContaining("encryptor 'misbridge': no password; set passwordFile").hasMessageContaining("passwordEnv");
        assertThatThrownBy(() -> withPasswordFile("short", "tooShort1"))
                .hasMessageContaining("encryptor 'short': the password is shorter than 12 characters")
                .hasMessageNotContaining("tooShort1");
        assertThatThrownBy(() -> new EncryptorComponent(config(Map.of("passwordEnv", "UNSET_HERE")), Map.of(), null, n -> null))
                .hasMessageContaining("passwordEnv names the environment variable UNSET_HERE, which is not set");
        assertThatThrownBy(() -> new EncryptorComponent(config(Map.of("passwordEnv", PASSWORD)), Map.of(), null, n -> PASSWORD))
                .hasMessageContaining("is not an environment variable name").hasMessageNotContaining(PASSWORD);
        assertThatThrownBy(() -> new EncryptorComponent(config(Map.of("passwordEnv", "P", "passwordFile", "f")), Map.of(), null,
                n -> PASSWORD)).hasMessageContaining("passwordFile and passwordEnv are both set");
        Map<String, Object> inline = new HashMap<>(Map.of("password", PASSWORD));
        assertThatThrownBy(() -> new EncryptorComponent(config(Map.of("passwordEnv", "P")), inline, null, n -> PASSWORD))
                .hasMessageContaining("password holds the password itself").hasMessageNotContaining(PASSWORD);
        assertThatThrownBy(() -> new EncryptorComponent(config(Map.of("passwordFile", dir.resolve("none").toString())), Map.of(),
                null, n -> null)).hasMessageContaining("passwordFile " + dir.resolve("none") + " cannot be read (NoSuchFileException)");
    }

    @Test
    void anAlgorithmTheJvmDoesNotHaveOrABadAliasIsRefusedByName() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), PASSWORD);
        assertThatThrownBy(() -> new EncryptorComponent(config(Map.of("passwordFile", file.toString(), "algorithm", "PBEWITHNOTHING")),
                Map.of(), null, n -> null))
                .hasMessageContaining("encryptor 'misbridge': the algorithm PBEWITHNOTHING cannot be used in this JVM")
                .hasMessageNotContaining(PASSWORD);
        assertThatThrownBy(() -> new EncryptorComponent(config(Map.of("passwordFile", file.toString(), "alias", "a b")),
                Map.of(), null, n -> null)).hasMessageContaining("alias must be");
        assertThatThrownBy(() -> new EncryptorComponent(config(Map.of("passwordFile", file.toString(), "keyObtentionIterations", 0)),
                Map.of(), null, n -> null)).hasMessageContaining("keyObtentionIterations must be at least 1");
    }
}
