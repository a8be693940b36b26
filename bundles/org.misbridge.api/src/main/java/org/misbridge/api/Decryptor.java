package org.misbridge.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Decrypts the {@code ENC(…)} credentials of schools' configurations (see {@link Secrets}). Each is
 * registered with an {@value #ALIAS} service property, which a configuration chooses with its
 * {@value Secrets#DECRYPTOR} property; the {@code misbridge-jasypt} feature registers one for every
 * Jasypt {@code StringEncryptor} service that has an alias, so an encryptor made for pax-jdbc serves
 * MIS Bridge too.
 */
@ProviderType
public interface Decryptor {

    /** The service property naming the encryptor, as Karaf's pax-jdbc-config uses it. */
    String ALIAS = "alias";

    /**
     * The plaintext of a value this encryptor made.
     *
     * @param cipherText what is inside {@code ENC(…)}
     * @throws IllegalArgumentException when this encryptor cannot decrypt it (another password, or a damaged value)
     * @throws IllegalStateException when the encryptor cannot work at all (its password or algorithm)
     *         Neither message quotes the value or its plaintext.
     */
    String decrypt(String cipherText);
}
