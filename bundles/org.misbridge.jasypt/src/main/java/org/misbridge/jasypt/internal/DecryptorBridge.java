package org.misbridge.jasypt.internal;

import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jasypt.encryption.StringEncryptor;
import org.misbridge.api.Decryptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offers every Jasypt {@link StringEncryptor} service that has an {@code alias} (this bundle's
 * configured encryptors, or one a Blueprint file or another feature registers) to MIS Bridge as a
 * {@link Decryptor} with the same alias and ranking, so the connector bundles need no Jasypt
 * themselves and a configuration without {@code ENC(…)} values needs no Jasypt at all.
 */
@Component(immediate = true)
public final class DecryptorBridge {

    private static final Logger LOG = LoggerFactory.getLogger(DecryptorBridge.class);

    private final BundleContext context;
    private final Map<Object, ServiceRegistration<Decryptor>> registrations = new ConcurrentHashMap<>();

    @Activate
    public DecryptorBridge(BundleContext context) {
        this.context = context;
    }

    @Reference(service = StringEncryptor.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + Decryptor.ALIAS + "=*)", unbind = "removeEncryptor", updated = "updateEncryptor")
    void addEncryptor(StringEncryptor encryptor, Map<String, Object> properties) {
        Object id = properties.get(Constants.SERVICE_ID);
        // registered outside the map's lock: the schools waiting for it are activated in this thread
        ServiceRegistration<Decryptor> registration = context.registerService(Decryptor.class, new JasyptDecryptor(encryptor),
                decryptorProperties(properties));
        ServiceRegistration<Decryptor> previous = registrations.put(id, registration);
        if (previous != null) {
            unregister(previous);
        }
        LOG.debug("Jasypt encryptor '{}' (service {}) offered to MIS Bridge as a decryptor", properties.get(Decryptor.ALIAS), id);
    }

    void updateEncryptor(StringEncryptor encryptor, Map<String, Object> properties) {
        ServiceRegistration<Decryptor> registration = registrations.get(properties.get(Constants.SERVICE_ID));
        if (registration != null) {
            registration.setProperties(decryptorProperties(properties));
        }
    }

    void removeEncryptor(StringEncryptor encryptor, Map<String, Object> properties) {
        ServiceRegistration<Decryptor> registration = registrations.remove(properties.get(Constants.SERVICE_ID));
        if (registration != null) {
            unregister(registration);
        }
    }

    @Deactivate
    void deactivate() {
        registrations.values().forEach(DecryptorBridge::unregister);
        registrations.clear();
    }

    private static Hashtable<String, Object> decryptorProperties(Map<String, Object> encryptor) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Decryptor.ALIAS, encryptor.get(Decryptor.ALIAS));
        if (encryptor.get(Constants.SERVICE_RANKING) instanceof Integer ranking) {
            properties.put(Constants.SERVICE_RANKING, ranking);
        }
        return properties;
    }

    private static void unregister(ServiceRegistration<Decryptor> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping and the framework unregistered it first
        }
    }
}
