package org.misbridge.jasypt.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One Jasypt encryptor, registered under its alias ({@code etc/org.misbridge.jasypt.encryptor-<alias>.cfg}). */
@ObjectClassDefinition(
        name = "MIS Bridge encryptor",
        description = "A Jasypt password-based encryptor, registered as an org.jasypt.encryption.StringEncryptor service "
                + "with its alias: schools' configurations hold credentials as ENC(…) values it decrypts (decryptor=<alias>), "
                + "and school:encrypt makes them. Its password comes from a file or an environment variable, never from here.")
public @interface EncryptorConfiguration {

    @AttributeDefinition(name = "Alias", description = "The alias service property schools' configurations name in "
            + "decryptor (default misbridge, which they use when they name none).")
    String alias() default EncryptorComponent.DEFAULT_ALIAS;

    @AttributeDefinition(name = "Password file", required = false, description = "A file holding the encryption "
            + "password (one line, at least " + EncryptionPassword.MIN_LENGTH + " characters) that only the Karaf user can "
            + "read. A relative path is resolved against karaf.home.")
    String passwordFile() default "";

    @AttributeDefinition(name = "Password variable", required = false, description = "Instead of the file: the name of "
            + "an environment variable of the Karaf process holding the password, e.g. MISBRIDGE_ENCRYPTION_PASSWORD "
            + "(the name, not ${env:...}, which would put the password in this configuration).")
    String passwordEnv() default "";

    @AttributeDefinition(name = "Algorithm", description = "A JCE password-based encryption algorithm. Values are "
            + "decrypted only with the algorithm, iterations and password they were encrypted with.")
    String algorithm() default EncryptorComponent.DEFAULT_ALGORITHM;

    @AttributeDefinition(name = "Key obtention iterations", description = "Hashing iterations that derive the key "
            + "from the password (Jasypt's default, 1000).")
    int keyObtentionIterations() default EncryptorComponent.DEFAULT_ITERATIONS;

    @AttributeDefinition(name = "Name hint", description = "How instances are named in the web console.")
    String webconsole_configurationFactory_nameHint() default "Encryptor {alias}";
}
