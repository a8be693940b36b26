package org.misbridge.oneroster.provider.internal.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.misbridge.api.AuditTrail;
import org.misbridge.api.directory.AuditRecord;
import org.misbridge.oneroster.provider.internal.auth.Brake;
import org.misbridge.oneroster.provider.internal.auth.ClientActivity;
import org.misbridge.oneroster.provider.internal.auth.Clients;
import org.misbridge.oneroster.provider.internal.auth.RosterClient;
import org.misbridge.oneroster.provider.internal.auth.Scope;
import org.misbridge.oneroster.provider.internal.auth.SecretHash;
import org.misbridge.shell.CommandJson;

/** school:oneroster-clients: its list shows no secret, revoke ends tokens and is audited per school. */
class ClientReportTest {
    private static final String VLE_SECRET = "vle-secret-that-is-long-enough";
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private final Clients clients = new Clients();
    private final ClientActivity activity = new ClientActivity(clients, Clock.fixed(NOW, ZoneOffset.UTC));
    private final RosterClient vle = new RosterClient("vle", List.of("hill", "vale"), Set.of(Scope.CORE, Scope.FULL),
            SecretHash.of(VLE_SECRET), 600, 3600);
    private final RosterClient library = new RosterClient("library", List.of("hill"), Set.of(Scope.CORE),
            SecretHash.of("library-secret-long-enough"), 120, 600);

    /** A trail that keeps what it is given, in order: the collaborator, not the thing tested. */
    private static final class Trail implements AuditTrail {
        final List<String> entries = new ArrayList<>();

        @Override
        public void audit(String schoolId, AuditRecord record) {
            entries.add(schoolId + " " + record.actor() + " " + record.action() + " " + record.target() + " " + record.affected()
                    + " " + record.at());
        }

        @Override
        public List<AuditRecord> auditTrail(String schoolId, int limit) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void theListShowsEachClientsUseAndLockoutButNoSecretOrToken() {
        clients.add(vle);
        clients.add(library);
        String token = activity.tokens().issue(vle, Set.of(Scope.CORE));
        activity.tokens().issue(vle, Set.of(Scope.FULL));
        activity.usage().record("vle");
        for (int i = 0; i < Brake.FAILURES; i++) {
            activity.brake().failed("library");
        }

        List<Map<String, Object>> rows = ClientReport.rows(activity);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("client", "library").containsEntry("schools", List.of("hill"))
                .containsEntry("liveTokens", 0).containsEntry("requestsToday", 0L).containsEntry("lastUse", null)
                .containsEntry("requestsPerMinute", 120).containsEntry("lockedOut", true);
        assertThat(rows.get(1)).containsEntry("client", "vle").containsEntry("schools", List.of("hill", "vale"))
                .containsEntry("liveTokens", 2).containsEntry("requestsToday", 1L).containsEntry("lastUse", "2026-12-03T12:00:00Z")
                .containsEntry("lockedOut", false);
        assertThat(rows.get(1).get("scopes").toString()).contains("roster-core.readonly", "roster.readonly");
        assertThat(rows.get(0).keySet()).containsExactly("client", "schools", "scopes", "liveTokens", "requestsToday", "lastUse",
                "requestsPerMinute", "lockedOut");

        String json = CommandJson.write(Map.of("clients", rows));
        assertThat(json).doesNotContain(VLE_SECRET, token, vle.secret().toString(), "secret", "Secret");
    }

    @Test
    void revokeEndsTheClientsTokensAndWritesToTheTrailOfEachOfItsSchools() {
        clients.add(vle);
        clients.add(library);
        String token = activity.tokens().issue(vle, Set.of(Scope.CORE));
        activity.tokens().issue(vle, Set.of(Scope.CORE));
        activity.tokens().issue(vle, Set.of(Scope.CORE));
        String theirs = activity.tokens().issue(library, Set.of(Scope.CORE));
        Trail trail = new Trail();

        assertThat(ClientReport.revoke(activity, trail, "vle", "karaf", NOW)).isEqualTo(3);
        assertThat(activity.tokens().check(token, clients::get)).isNull();
        assertThat(activity.tokens().check(theirs, clients::get)).isNotNull();
        assertThat(trail.entries).containsExactly(
                "hill karaf oneroster-clients revoke vle 3 2026-12-03T12:00:00Z",
                "vale karaf oneroster-clients revoke vle 3 2026-12-03T12:00:00Z");
        assertThat(clients.get("vle")).isSameAs(vle); // the file stays: the client may ask again
    }

    @Test
    void anUnknownOrMalformedClientIsRefusedAndNothingIsAudited() {
        clients.add(vle);
        Trail trail = new Trail();
        assertThatThrownBy(() -> ClientReport.revoke(activity, trail, "nobody", "karaf", NOW))
                .hasMessageContaining("no OneRoster client nobody is configured");
        assertThatThrownBy(() -> ClientReport.revoke(activity, trail, "x\u202Ey", "karaf", NOW))
                .hasMessageContaining("x\\u202Ey").hasMessageNotContaining("\u202E");
        assertThat(trail.entries).isEmpty();
    }

    @Test
    void addPrintsATemplateForAValidIdOnlyAndRotateNamesTheSteps() {
        assertThat(ClientGuide.add("vle")).contains("etc/org.misbridge.oneroster.client-vle.cfg", "client.id = vle",
                "clientSecretFile", "#clientSecretEnv = ONEROSTER_VLE_SECRET");
        assertThatThrownBy(() -> ClientGuide.add("../evil")).hasMessageContaining("client id is letters");
        assertThat(ClientGuide.rotate("vle")).contains("clientSecretFile", "ENC(", "every token of vle ends at once",
                "school:oneroster-clients revoke vle");
    }
}
