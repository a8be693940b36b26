package org.misbridge.jasypt.internal;

import org.jasypt.encryption.StringEncryptor;
import org.jasypt.exceptions.EncryptionInitializationException;
import org.jasypt.exceptions.EncryptionOperationNotPossibleException;
import org.misbridge.api.Decryptor;

/**
 * A Jasypt encryptor seen as a {@link Decryptor}: Jasypt's exceptions become the ones the
 * interface names, with words of ours only, since a library's message could quote what it was given.
 */
final class JasyptDecryptor implements Decryptor {

    private final StringEncryptor encryptor;

    JasyptDecryptor(StringEncryptor encryptor) {
        this.encryptor = encryptor;
    }

    @Override
    public String decrypt(String cipherText) {
        try {
            return encryptor.decrypt(cipherText);
        } catch (EncryptionOperationNotPossibleException e) {
            // Jasypt says no more than this, by design: a wrong password and a damaged value look the same
            throw new IllegalArgumentException("not a value this encryptor made (EncryptionOperationNotPossibleException)");
        } catch (EncryptionInitializationException e) {
            throw new IllegalStateException("it could not be initialised (EncryptionInitializationException); check its"
                    + " password and algorithm");
        } catch (RuntimeException e) {
            throw new IllegalStateException("it failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public String toString() {
        return "Jasypt decryptor";
    }
}
