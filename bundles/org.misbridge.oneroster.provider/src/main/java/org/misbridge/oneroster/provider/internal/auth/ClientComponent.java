package org.misbridge.oneroster.provider.internal.auth;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Decryptor;
import org.misbridge.api.SchoolProperties;
import org.misbridge.api.Secrets;
import org.misbridge.api.SettingLists;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's configuration, checked when it appears and added to {@link Clients}. No DS service:
 * a service would publish the configuration (the secret's file, variable or ciphertext) as properties.
 */
@Component(service = {}, configurationPid = ClientComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true)
@Designate(ocd = ClientConfiguration.class, factory = true)
public final class ClientComponent {
    public static final String PID = "org.misbridge.oneroster.client";
    static final String SECRET = "clientSecret";
    /** What a client id may be: short and printable, so it is safe in a log line. */
    public static final String ID_PATTERN = "[A-Za-z0-9._-]{1,64}";
    private static final Logger LOG = LoggerFactory.getLogger(ClientComponent.class);

    private final Clients clients;
    private final RosterClient client;

    /**
     * @param decryptors every registered encryptor, for {@code clientSecret=ENC(…)}: static and greedy, so a
     *        configuration refused for want of its encryptor is activated again when one appears
     */
    @Activate
    public ClientComponent(ClientConfiguration config, Map<String, Object> properties, @Reference Clients clients,
            @Reference(name = "decryptors", service = Decryptor.class, cardinality = ReferenceCardinality.MULTIPLE,
                    policy = ReferencePolicy.STATIC, policyOption = ReferencePolicyOption.GREEDY)
            List<Map.Entry<Map<String, Object>, Decryptor>> decryptors) {
        this(config, properties, clients, Secrets.byAlias(decryptors), System.getProperty("karaf.home"), System::getenv);
    }

    ClientComponent(ClientConfiguration config, Map<String, Object> properties, Clients clients,
            Map<String, Decryptor> decryptors, @Nullable String karafHome, Function<String, @Nullable String> environment) {
        this.clients = clients;
        this.client = client(config, properties, decryptors, karafHome, environment);
        clients.add(client);
        LOG.info("OneRoster client {} may read {} with {}", client.id(), String.join(", ", client.schools()),
                Scope.join(client.scopes()));
    }

    @Deactivate
    void deactivate() {
        clients.remove(client);
    }

    public static RosterClient client(ClientConfiguration config, Map<String, ?> properties, Map<String, Decryptor> decryptors,
            @Nullable String karafHome, Function<String, @Nullable String> environment) {
        String id = config.client_id() == null ? "" : config.client_id().strip();
        if (!id.matches(ID_PATTERN)) {
            throw new IllegalArgumentException("a OneRoster client's client_id is letters, digits, '.', '_' and '-', 1 to 64 of them");
        }
        String owner = "OneRoster client " + id;
        List<String> schools = SettingLists.entries("schools", config.schools(), "school ids, comma-separated");
        if (schools.isEmpty()) {
            throw new IllegalArgumentException(owner + ": schools is empty; name the schools it may read");
        }
        schools.forEach(SchoolProperties::requireValidSchoolId);
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String name : SettingLists.entries("scopes", config.scopes(), "roster-core.readonly, roster.readonly")) {
            Scope scope = Scope.of(name.contains("/") ? name : "https://purl.imsglobal.org/spec/or/v1p2/scope/" + name);
            if (scope == null) {
                throw new IllegalArgumentException(owner + ": scope " + name + " is not one this provider grants;"
                        + " give roster-core.readonly or roster.readonly");
            }
            scopes.add(scope);
        }
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException(owner + ": scopes is empty");
        }
        if (config.requestsPerMinute() < 1) {
            throw new IllegalArgumentException(owner + ": requestsPerMinute is " + config.requestsPerMinute() + "; it is 1 or more");
        }
        if (config.tokenSeconds() < 60 || config.tokenSeconds() > 86_400) {
            throw new IllegalArgumentException(owner + ": tokenSeconds is " + config.tokenSeconds() + "; it is from 60 to 86400");
        }
        String secret;
        try {
            // the api's lookup names its owner "school <id>": a client is named as one here instead
            secret = Secrets.lookup(id, properties, decryptors, SECRET)
                    .read(SECRET, config.clientSecretFile(), config.clientSecretEnv(), karafHome, environment)
                    .orElseThrow(() -> new IllegalArgumentException("school " + id + ": no " + SECRET
                            + " is given; set clientSecretFile, clientSecretEnv or clientSecret=ENC(…)"));
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            throw new IllegalArgumentException(message.startsWith("school " + id + ": ")
                    ? owner + message.substring(("school " + id).length()) : owner + ": " + message);
        }
        SecretHash hash;
        try {
            hash = SecretHash.of(secret);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(owner + ": " + e.getMessage());
        }
        return new RosterClient(id, schools, scopes, hash, config.requestsPerMinute(), config.tokenSeconds());
    }
}
