package org.misbridge.jasypt.internal;

import java.util.Arrays;
import java.util.Hashtable;
import java.util.Map;
import java.util.function.Function;
import org.jasypt.encryption.StringEncryptor;
import org.jasypt.encryption.pbe.StandardPBEStringEncryptor;
import org.jasypt.exceptions.EncryptionInitializationException;
import org.jasypt.exceptions.EncryptionOperationNotPossibleException;
import org.jasypt.iv.RandomIvGenerator;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Decryptor;
import org.misbridge.api.Secrets;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Jasypt password-based encryptor made from its configuration, registered as a
 * {@link StringEncryptor} service with its {@code alias}: the service Karaf's pax-jdbc-config and
 * MIS Bridge's schools decrypt {@code ENC(…)} values with. It is Jasypt's own
 * {@link StandardPBEStringEncryptor} with a random salt and IV per value (AES needs the IV); this
 * class only reads its password from a file or a variable and checks it works before it registers.
 * It registers itself with its {@code alias} as the only service property: Declarative Services would
 * publish the whole configuration, and with it a password written into the file (which is refused).
 */
@Component(service = {}, configurationPid = EncryptorComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = EncryptorConfiguration.class, factory = true)
public final class EncryptorComponent implements StringEncryptor {

    static final String PID = "org.misbridge.jasypt.encryptor";
    static final String DEFAULT_ALIAS = Secrets.DEFAULT_DECRYPTOR;
    static final String DEFAULT_ALGORITHM = "PBEWITHHMACSHA512ANDAES_256";
    static final int DEFAULT_ITERATIONS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(EncryptorComponent.class);
    private static final String ALIAS_CHARS = "[A-Za-z0-9._-]{1,64}";

    private final StandardPBEStringEncryptor encryptor;
    private final String alias;
    private @Nullable ServiceRegistration<StringEncryptor> registration;

    @Activate
    public EncryptorComponent(EncryptorConfiguration config, Map<String, Object> properties) {
        this(config, properties, System.getProperty("karaf.home"), System::getenv);
    }

    EncryptorComponent(EncryptorConfiguration config, Map<String, Object> properties, @Nullable String karafHome,
            Function<String, @Nullable String> environment) {
        String alias = config.alias() == null ? "" : config.alias().strip();
        if (!alias.matches(ALIAS_CHARS)) {
            throw new IllegalArgumentException("encryptor '" + alias + "': alias must be 1-64 of letters, digits, '.', '-', '_'");
        }
        String algorithm = config.algorithm() == null || config.algorithm().isBlank() ? DEFAULT_ALGORITHM : config.algorithm().strip();
        if (config.keyObtentionIterations() < 1) {
            throw new IllegalArgumentException("encryptor '" + alias + "': keyObtentionIterations must be at least 1, was "
                    + config.keyObtentionIterations());
        }
        char[] password = EncryptionPassword.read(alias, properties, config.passwordFile(), config.passwordEnv(), karafHome,
                environment);
        StandardPBEStringEncryptor pbe = new StandardPBEStringEncryptor();
        pbe.setAlgorithm(algorithm);
        pbe.setKeyObtentionIterations(config.keyObtentionIterations());
        pbe.setIvGenerator(new RandomIvGenerator());
        pbe.setPasswordCharArray(password); // Jasypt keeps a copy
        Arrays.fill(password, '\0');
        try {
            String probe = "misbridge-encryptor-probe";
            if (!probe.equals(pbe.decrypt(pbe.encrypt(probe)))) {
                throw new EncryptionOperationNotPossibleException();
            }
        } catch (EncryptionInitializationException | EncryptionOperationNotPossibleException e) {
            // Jasypt's message is left out: only this class's words reach the log
            throw new IllegalArgumentException("encryptor '" + alias + "': the algorithm " + algorithm
                    + " cannot be used in this JVM (" + e.getClass().getSimpleName() + "); the default is " + DEFAULT_ALGORITHM);
        }
        this.encryptor = pbe;
        this.alias = alias;
        LOG.info("Encryptor '{}' ready ({}, {} key obtention iterations)", alias, algorithm, config.keyObtentionIterations());
    }

    /** Registers the encryptor once it works, with its alias only. */
    @Activate
    void register(BundleContext context) {
        registration = context.registerService(StringEncryptor.class, this,
                new Hashtable<>(Map.of(Decryptor.ALIAS, alias)));
    }

    @Deactivate
    void unregister() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
        }
    }

    @Override
    public String encrypt(String message) {
        return encryptor.encrypt(message);
    }

    @Override
    public String decrypt(String encryptedMessage) {
        return encryptor.decrypt(encryptedMessage);
    }
}
