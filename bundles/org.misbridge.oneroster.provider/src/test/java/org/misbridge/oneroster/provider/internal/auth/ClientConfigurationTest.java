package org.misbridge.oneroster.provider.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.Decryptor;
import org.misbridge.testkit.Configs;

/** A client's configuration as its .cfg file gives it: what is taken, what is refused, and that the secret shows nowhere. */
class ClientConfigurationTest {
    private static final String SECRET = "a-long-random-client-secret-4711";

    private static RosterClient client(Map<String, Object> properties, Map<String, String> environment,
            Map<String, Decryptor> decryptors) {
        return ClientComponent.client(Configs.of(ClientConfiguration.class, properties), properties, decryptors, null,
                environment::get);
    }

    private static Map<String, Object> cfg(Object... pairs) {
        Map<String, Object> properties = new HashMap<>(Map.of("client.id", "app", "schools", "hill"));
        for (int i = 0; i < pairs.length; i += 2) {
            properties.put((String) pairs[i], pairs[i + 1]);
        }
        return properties;
    }

    @Test
    void aClientFromAnEnvironmentVariableWithTheDefaults() {
        RosterClient client = client(cfg("clientSecretEnv", "APP_SECRET", "schools", "hill, vale"),
                Map.of("APP_SECRET", SECRET), Map.of());
        assertThat(client.id()).isEqualTo("app");
        assertThat(client.schools()).containsExactly("hill", "vale");
        assertThat(client.scopes()).containsExactly(Scope.CORE);
        assertThat(client.requestsPerMinute()).isEqualTo(600);
        assertThat(client.tokenSeconds()).isEqualTo(3600);
        assertThat(client.secret().matches(SECRET)).isTrue();
        assertThat(client.secret().matches(SECRET + "x")).isFalse();
        assertThat(client.toString()).isEqualTo("OneRoster client app").doesNotContain(SECRET);
    }

    @Test
    void fromAFileWithBothScopesGivenByTheirUris(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("app.secret"), SECRET + "\n", StandardCharsets.UTF_8);
        RosterClient client = client(cfg("clientSecretFile", file.toString(), "scopes",
                "https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly,roster-core.readonly"), Map.of(), Map.of());
        assertThat(client.scopes()).containsExactlyInAnyOrder(Scope.CORE, Scope.FULL);
        assertThat(client.secret().matches(SECRET)).isTrue();
    }

    @Test
    void fromAnEncryptedValue() {
        Decryptor decryptor = cipherText -> cipherText.equals("c2VjcmV0") ? SECRET : null;
        RosterClient client = client(cfg("clientSecret", "ENC(c2VjcmV0)"), Map.of(), Map.of("misbridge", decryptor));
        assertThat(client.secret().matches(SECRET)).isTrue();
    }

    @Test
    void aPlainSecretInTheConfigurationIsRefusedWithoutQuotingIt() {
        for (String key : new String[] {"clientSecret", ".clientSecret"}) {
            assertThatThrownBy(() -> client(cfg(key, SECRET), Map.of(), Map.of()))
                    .hasMessageStartingWith("OneRoster client app: " + key + " holds the clientSecret itself")
                    .message().doesNotContain(SECRET);
        }
    }

    @Test
    void whatCannotWorkIsRefusedWhenTheConfigurationAppears() {
        Map<String, String> env = Map.of("APP_SECRET", SECRET, "SHORT", "too-short");
        assertThatThrownBy(() -> client(cfg(), env, Map.of()))
                .hasMessage("OneRoster client app: no clientSecret is given; set clientSecretFile, clientSecretEnv or clientSecret=ENC(…)");
        assertThatThrownBy(() -> client(cfg("clientSecretEnv", "SHORT"), env, Map.of()))
                .hasMessageContaining("shorter than 20 characters").message().doesNotContain("too-short");
        assertThatThrownBy(() -> client(cfg("clientSecretEnv", "APP_SECRET", "scopes", "roster-demographics.readonly"), env,
                Map.of())).hasMessageContaining("scope roster-demographics.readonly is not one this provider grants");
        assertThatThrownBy(() -> client(cfg("clientSecretEnv", "APP_SECRET", "schools", "Hill School"), env, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client(cfg("clientSecretEnv", "APP_SECRET", "client.id", "app/../x"), env, Map.of()))
                .hasMessageContaining("client_id is letters, digits");
        assertThatThrownBy(() -> client(cfg("clientSecretEnv", "APP_SECRET", "tokenSeconds", "30"), env, Map.of()))
                .hasMessageContaining("tokenSeconds is 30");
        assertThatThrownBy(() -> client(cfg("clientSecretEnv", "NOT_SET"), env, Map.of()))
                .hasMessageStartingWith("OneRoster client app: clientSecretEnv names the environment variable NOT_SET");
    }

    @Test
    void oneClientIdIsConfiguredOnce() {
        Clients clients = new Clients();
        Map<String, String> env = Map.of("APP_SECRET", SECRET);
        clients.add(client(cfg("clientSecretEnv", "APP_SECRET"), env, Map.of()));
        assertThatThrownBy(() -> clients.add(client(cfg("clientSecretEnv", "APP_SECRET", "schools", "vale"), env, Map.of())))
                .hasMessageContaining("OneRoster client app is configured twice");
        assertThat(clients.servedSchools()).containsExactly("hill");
    }
}
