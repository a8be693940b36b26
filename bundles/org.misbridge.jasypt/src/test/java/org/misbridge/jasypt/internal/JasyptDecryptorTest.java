package org.misbridge.jasypt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jasypt.encryption.pbe.StandardPBEStringEncryptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.Secrets;

/**
 * A school's ENC(…) credential through a real Jasypt encryptor: the right password gives it back;
 * a wrong password, a damaged value or an encryptor without a password fail naming the school and
 * the key, and nothing Jasypt says (or the value) reaches the message.
 */
class JasyptDecryptorTest {

    private static final String SECRET = "Api-Secret-d41d8cd9";

    @TempDir
    Path dir;

    private EncryptorComponent encryptor(String password) throws Exception {
        Path file = Files.writeString(dir.resolve("pw-" + password.hashCode()), password);
        return new EncryptorComponent(EncryptorComponentTest.config(Map.of("passwordFile", file.toString())), Map.of(), null, n -> null);
    }

    private static Secrets.Lookup school(String value, JasyptDecryptor decryptor) {
        return Secrets.lookup("greenfield", Map.of("rest.clientSecret", value), Map.of("misbridge", decryptor), "rest.clientSecret");
    }

    @Test
    void theRightPasswordGivesTheCredentialBack() throws Exception {
        EncryptorComponent right = encryptor("the-Right-password-1");
        String value = "ENC(" + right.encrypt(SECRET) + ")";
        assertThat(school(value, new JasyptDecryptor(encryptor("the-Right-password-1"))).read("rest.clientSecret", null, null, null))
                .contains(SECRET);
    }

    @Test
    void aWrongPasswordFailsNamingSchoolKeyAndEncryptorOnly() throws Exception {
        String cipherText = encryptor("the-Right-password-1").encrypt(SECRET);
        JasyptDecryptor wrong = new JasyptDecryptor(encryptor("a-Wrong-password-22"));
        assertThatThrownBy(() -> wrong.decrypt(cipherText)).isInstanceOf(IllegalArgumentException.class).hasNoCause()
                .hasMessage("not a value this encryptor made (EncryptionOperationNotPossibleException)");
        assertThatThrownBy(() -> school("ENC(" + cipherText + ")", wrong).read("rest.clientSecret", null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasNoCause()
                .hasMessage("school greenfield: rest.clientSecret cannot be decrypted with the encryptor 'misbridge': it was"
                        + " encrypted with another password or algorithm, or the value is damaged; encrypt it again with school:encrypt");
    }

    @Test
    void aDamagedValueFailsTheSameWay() throws Exception {
        EncryptorComponent right = encryptor("the-Right-password-1");
        String cipherText = right.encrypt(SECRET);
        String damaged = cipherText.substring(0, cipherText.length() - 8) + (cipherText.endsWith("AAAAAAAA") ? "BBBBBBBB" : "AAAAAAAA");
        assertThatThrownBy(() -> school("ENC(" + damaged + ")", new JasyptDecryptor(right)).read("rest.clientSecret", null, null, null))
                .hasMessageContaining("rest.clientSecret cannot be decrypted with the encryptor 'misbridge'").hasNoCause();
        assertThatThrownBy(() -> school("ENC(QUJD)", new JasyptDecryptor(right)).read("rest.clientSecret", null, null, null))
                .hasMessageContaining("cannot be decrypted").hasNoCause();
    }

    @Test
    void anEncryptorWithoutAPasswordSaysSoWithoutJasyptsWords() {
        // as a Blueprint encryptor reading an environment variable that is not set would be
        StandardPBEStringEncryptor unset = new StandardPBEStringEncryptor();
        assertThatThrownBy(() -> school("ENC(QUJDREVGR0g=)", new JasyptDecryptor(unset)).read("rest.clientSecret", null, null, null))
                .hasMessage("school greenfield: the encryptor 'misbridge' cannot decrypt rest.clientSecret: it could not be"
                        + " initialised (EncryptionInitializationException); check its password and algorithm");
    }
}
