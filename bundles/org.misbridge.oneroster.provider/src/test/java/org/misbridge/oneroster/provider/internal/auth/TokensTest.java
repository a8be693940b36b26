package org.misbridge.oneroster.provider.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Bearer tokens: random, bounded per client, and ended with their client's configuration. */
class TokensTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC);
    private final RosterClient app = new RosterClient("app", List.of("hill"), Set.of(Scope.CORE, Scope.FULL),
            SecretHash.of("a-secret-of-twenty-characters"), 600, 3600);

    @Test
    void aClientHoldsAtMostTwentyLiveTokensTheOldestEndingFirst() {
        Tokens tokens = new Tokens(clock);
        List<String> issued = new ArrayList<>();
        for (int i = 0; i < Tokens.PER_CLIENT + 1; i++) {
            issued.add(tokens.issue(app, Set.of(Scope.CORE)));
        }
        assertThat(issued).doesNotHaveDuplicates();
        assertThat(tokens.check(issued.get(0), Map.of("app", app)::get)).isNull();
        assertThat(tokens.check(issued.get(1), Map.of("app", app)::get).scopes()).containsExactly(Scope.CORE);
        assertThat(tokens.check(issued.get(Tokens.PER_CLIENT), Map.of("app", app)::get).client()).isSameAs(app);
    }

    @Test
    void aTokenOfAClientThatIsGoneOrReconfiguredIsNoLongerValid() {
        Tokens tokens = new Tokens(clock);
        String token = tokens.issue(app, Set.of(Scope.FULL));
        RosterClient reconfigured = new RosterClient("app", List.of("hill", "vale"), Set.of(Scope.FULL),
                SecretHash.of("a-secret-of-twenty-characters"), 600, 3600);
        assertThat(tokens.check(token, Map.of("app", reconfigured)::get)).isNull();
        assertThat(tokens.check(token, Map.of("app", app)::get)).isNull(); // ended, not merely hidden
    }
}
