package org.misbridge.oneroster.provider.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.misbridge.oneroster.provider.internal.http.ProviderServer.CORE;
import static org.misbridge.oneroster.provider.internal.http.ProviderServer.FULL;
import static org.misbridge.oneroster.provider.internal.http.ProviderServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OAuth 2.0 client credentials flow over real HTTP, as RFC 6749 section 4.4 and 5 describe it. */
class TokenEndpointHttpTest {
    private static final String SECRET = "s3cret-of-the-hill-client-0123456789";
    private final ProviderServer server;

    TokenEndpointHttpTest() throws Exception {
        server = new ProviderServer();
        server.client("hill-app", SECRET, "hill", "roster-core.readonly, roster.readonly", 600);
        server.client("core-app", "another-secret-for-core-only-9876", "hill", "roster-core.readonly", 600);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void basicAuthenticationGetsABearerTokenWithEveryScopeOfTheClient() throws Exception {
        HttpResponse<String> response = server.token("hill-app", SECRET, null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode token = json(response);
        assertThat(token.get("token_type").asText()).isEqualTo("bearer");
        assertThat(token.get("expires_in").asInt()).isEqualTo(3600);
        assertThat(token.get("scope").asText()).isEqualTo(CORE + " " + FULL);
        assertThat(token.get("access_token").asText()).matches("[A-Za-z0-9_-]{43}");
        assertThat(response.body()).doesNotContain(SECRET);
        assertThat(server.get("/orgs", token.get("access_token").asText()).statusCode()).isEqualTo(200);
    }

    @Test
    void theSecretMayComeInTheFormBodyAndTheScopeMayBeNarrowed() throws Exception {
        HttpResponse<String> response = server.post("/oauth/token", "grant_type=client_credentials&client_id=hill-app"
                + "&client_secret=" + SECRET + "&scope=" + CORE, null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("scope").asText()).isEqualTo(CORE);
        // the core scope shows no contact details: a narrowed token sees none
        String token = json(response).get("access_token").asText();
        assertThat(json(server.get("/users/H-T1", token)).get("user").has("email")).isFalse();
    }

    @Test
    void aScopeTheClientDoesNotHoldIsRefused() throws Exception {
        HttpResponse<String> response = server.token("core-app", "another-secret-for-core-only-9876", FULL);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).isEqualTo("invalid_scope");
    }

    @Test
    void aWrongSecretAndAnUnknownClientGetTheSameAnswer() throws Exception {
        HttpResponse<String> wrong = server.token("hill-app", "not-the-secret-at-all-xxxxxxxx", null);
        HttpResponse<String> unknown = server.token("nobody", "not-the-secret-at-all-xxxxxxxx", null);
        for (HttpResponse<String> response : List.of(wrong, unknown)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(json(response).get("error").asText()).isEqualTo("invalid_client");
            assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic realm=");
        }
        assertThat(wrong.body()).isEqualTo(unknown.body());
        // an id no configuration could have (too long, a space) gets the same answer and is not remembered
        HttpResponse<String> odd = server.token("x".repeat(65), "not-the-secret-at-all-xxxxxxxx", null);
        assertThat(odd.statusCode()).isEqualTo(401);
        assertThat(odd.body()).isEqualTo(wrong.body());
    }

    @Test
    void fiveFailuresLockTheClientForFifteenMinutesEvenWithTheRightSecret() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(server.token("hill-app", "guess-number-" + i + "-xxxxxxxxxx", null).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = server.token("hill-app", SECRET, null);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).hasValue("900");
        assertThat(json(locked).get("error").asText()).isEqualTo("invalid_client");
        // another client is not locked with it
        assertThat(server.token("core-app", "another-secret-for-core-only-9876", null).statusCode()).isEqualTo(200);
        server.clock.advance(Duration.ofMinutes(15));
        assertThat(server.token("hill-app", SECRET, null).statusCode()).isEqualTo(200);
    }

    @Test
    void malformedRequestsAreRefusedAsRfc6749Says() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("hill-app:" + SECRET).getBytes(StandardCharsets.UTF_8));
        assertThat(json(server.post("/oauth/token", "grant_type=password", basic)).get("error").asText())
                .isEqualTo("unsupported_grant_type");
        assertThat(json(server.post("/oauth/token", "scope=" + CORE, basic)).get("error").asText())
                .isEqualTo("invalid_request");
        // two ways of authenticating at once
        HttpResponse<String> both = server.post("/oauth/token", "grant_type=client_credentials&client_id=hill-app&client_secret="
                + SECRET, basic);
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(json(both).get("error").asText()).isEqualTo("invalid_request");
        // no credentials at all
        assertThat(server.post("/oauth/token", "grant_type=client_credentials", null).statusCode()).isEqualTo(401);
        // a secret in the URL is refused, whatever else is right
        HttpResponse<String> inUrl = server.post("/oauth/token?client_secret=" + SECRET, "grant_type=client_credentials", basic);
        assertThat(inUrl.statusCode()).isEqualTo(400);
        assertThat(inUrl.body()).doesNotContain(SECRET);
        HttpResponse<String> get = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.root + "/oauth/token")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void aTokenEndsAtItsExpiryAndWhenItsClientIsReconfigured() throws Exception {
        String token = server.bearer("hill-app", SECRET);
        server.clock.advance(Duration.ofSeconds(3599));
        assertThat(server.get("/orgs", token).statusCode()).isEqualTo(200);
        server.clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> expired = server.get("/orgs", token);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(json(expired).at("/imsx_CodeMinor/imsx_codeMinorField/0/imsx_codeMinorFieldValue").asText())
                .isEqualTo("unauthorisedrequest");

        String fresh = server.bearer("core-app", "another-secret-for-core-only-9876");
        server.clients.remove(server.clients.get("core-app"));
        server.client("core-app", "a-rotated-secret-for-core-only-555", "hill", "roster-core.readonly", 600);
        assertThat(server.get("/orgs", fresh).statusCode()).isEqualTo(401);
        assertThat(server.token("core-app", "another-secret-for-core-only-9876", null).statusCode()).isEqualTo(401);
        assertThat(server.token("core-app", "a-rotated-secret-for-core-only-555", null).statusCode()).isEqualTo(200);
    }
}
