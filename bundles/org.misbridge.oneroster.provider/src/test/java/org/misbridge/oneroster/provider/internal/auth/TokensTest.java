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

    @Test
    void revokingEndsEveryLiveTokenOfTheClientAndNoOtherClients() {
        Tokens tokens = new Tokens(clock);
        RosterClient other = new RosterClient("other", List.of("vale"), Set.of(Scope.CORE),
                SecretHash.of("another-secret-of-twenty"), 600, 3600);
        String first = tokens.issue(app, Set.of(Scope.CORE));
        String second = tokens.issue(app, Set.of(Scope.FULL));
        String theirs = tokens.issue(other, Set.of(Scope.CORE));
        Map<String, RosterClient> current = Map.of("app", app, "other", other);
        assertThat(tokens.live(app)).isEqualTo(2);
        assertThat(tokens.live(other)).isEqualTo(1);

        assertThat(tokens.revoke("app")).isEqualTo(2);
        assertThat(tokens.check(first, current::get)).isNull();
        assertThat(tokens.check(second, current::get)).isNull();
        assertThat(tokens.check(theirs, current::get).client()).isSameAs(other);
        assertThat(tokens.live(app)).isZero();
        assertThat(tokens.revoke("app")).isZero();
        // a new token after the revocation works: the client's file stays
        assertThat(tokens.check(tokens.issue(app, Set.of(Scope.CORE)), current::get).client()).isSameAs(app);
        assertThat(tokens.live(app)).isEqualTo(1);
    }

    @Test
    void tokensOfAnEarlierConfigurationOfTheClientAreNotCountedLive() {
        Tokens tokens = new Tokens(clock);
        tokens.issue(app, Set.of(Scope.CORE));
        RosterClient reconfigured = new RosterClient("app", List.of("hill", "vale"), Set.of(Scope.FULL),
                SecretHash.of("a-secret-of-twenty-characters"), 600, 3600);
        assertThat(tokens.live(reconfigured)).isZero();
        assertThat(tokens.live(app)).isEqualTo(1);
    }
}
