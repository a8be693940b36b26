package org.misbridge.oneroster.provider.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.misbridge.api.SchoolUsage.ClientUse;
import org.misbridge.api.ServedRequests;
import org.misbridge.oneroster.provider.internal.command.ClientReport;
import org.misbridge.api.AuditTrail;
import org.misbridge.api.directory.AuditRecord;
import org.osgi.service.event.Event;

/** Over HTTP: each request is posted for the metrics with its route template, counted for its client, and revoke ends tokens. */
class ClientActivityHttpTest {
    private static final String SECRET = "s3cret-of-the-hill-client-0123456789";
    private ProviderServer server;

    @BeforeEach
    void start() throws Exception {
        server = new ProviderServer();
        server.client("hill-app", SECRET, "hill", "roster-core.readonly", 600);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private List<String> posted() {
        return server.events.stream().map(ClientActivityHttpTest::describe).toList();
    }

    private static String describe(Event e) {
        assertThat(e.getTopic()).isEqualTo(ServedRequests.TOPIC);
        assertThat(e.getProperty(ServedRequests.SERVICE)).isEqualTo("oneroster");
        assertThat((Double) e.getProperty(ServedRequests.DURATION_MILLIS)).isNotNegative();
        return e.getProperty(ServedRequests.ENDPOINT) + " " + e.getProperty(ServedRequests.STATUS) + " "
                + e.getProperty(ServedRequests.CLIENT);
    }

    @Test
    void requestsArePostedByRouteTemplateAndCountedForTheirClient() throws Exception {
        String token = server.bearer("hill-app", SECRET);
        assertThat(server.get("/users", token).statusCode()).isEqualTo(200);
        assertThat(server.get("/users/no-such-user", token).statusCode()).isEqualTo(404);
        assertThat(server.get("/users", null).statusCode()).isEqualTo(401);
        assertThat(server.get("/nothing/here", token).statusCode()).isEqualTo(404);

        // a request's event is posted once its answer is written, so the client may see the answer first
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(posted()).containsExactly(
                "/oauth/token 200 null",
                "/rostering/v1p2/users 200 hill-app",
                "/rostering/v1p2/users/{id} 404 hill-app",
                "/rostering/v1p2/users 401 null",
                "unknown 404 hill-app"));
        // three data requests had a good token; the clock stands still at the server's start
        assertThat(server.activity.clients("hill")).containsExactly(new ClientUse("hill-app", 3, server.clock.instant()));
        assertThat(server.activity.clients("vale")).isEmpty();
    }

    @Test
    void revokeEndsALiveTokenAtOnceAndTheClientMayAskForANewOne() throws Exception {
        String token = server.bearer("hill-app", SECRET);
        assertThat(server.get("/orgs", token).statusCode()).isEqualTo(200);
        AuditTrail trail = new AuditTrail() {
            @Override
            public void audit(String schoolId, AuditRecord record) {
            }

            @Override
            public List<AuditRecord> auditTrail(String schoolId, int limit) {
                return List.of();
            }
        };
        assertThat(ClientReport.revoke(server.activity, trail, "hill-app", "karaf", server.clock.instant())).isEqualTo(1);
        assertThat(server.get("/orgs", token).statusCode()).isEqualTo(401);
        assertThat(server.get("/orgs", server.bearer("hill-app", SECRET)).statusCode()).isEqualTo(200);
        assertThat(ClientReport.rows(server.activity)).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("liveTokens", 1).containsEntry("requestsToday", 2L));
    }
}
