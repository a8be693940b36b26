package org.misbridge.oneroster.provider.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.misbridge.api.SchoolUsage.ClientUse;
import org.misbridge.testkit.MovableClock;

/** Each client's use today (UTC), and the clients of a school as school:status shows them. */
class ClientActivityTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-03T23:58:00Z"));
    private final Clients clients = new Clients();
    private final ClientActivity activity = new ClientActivity(clients, clock);

    private static RosterClient client(String id, String... schools) {
        return new RosterClient(id, List.of(schools), Set.of(Scope.CORE), SecretHash.of("a-secret-of-twenty-characters"), 600, 3600);
    }

    @Test
    void requestsAreCountedPerClientAndStartAgainAtMidnightUtc() {
        clients.add(client("vle", "hill", "vale"));
        clients.add(client("library", "hill"));
        clients.add(client("signin", "vale"));
        activity.usage().record("vle");
        activity.usage().record("vle");
        clock.advance(Duration.ofMinutes(1));
        activity.usage().record("vle");
        activity.usage().record("library");

        Instant last = Instant.parse("2026-12-03T23:59:00Z");
        assertThat(activity.clients("hill")).containsExactly(new ClientUse("library", 1, last), new ClientUse("vle", 3, last));
        assertThat(activity.clients("vale")).containsExactly(new ClientUse("signin", 0, null), new ClientUse("vle", 3, last));
        assertThat(activity.clients("oak")).isEmpty();

        clock.advance(Duration.ofMinutes(2)); // 00:01 the next day
        assertThat(activity.clients("hill")).containsExactly(new ClientUse("library", 0, last), new ClientUse("vle", 0, last));
        activity.usage().record("vle");
        assertThat(activity.usage().of("vle")).isEqualTo(new Usage.Use(1, Instant.parse("2026-12-04T00:01:00Z")));
    }
}
