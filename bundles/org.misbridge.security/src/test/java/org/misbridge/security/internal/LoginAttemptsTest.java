package org.misbridge.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginAttemptsTest {

    /** A clock the test moves by hand. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-12-01T09:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final MovingClock clock = new MovingClock();
    // 3 per user at a source, 5 per source, within 10 minutes; locked for 15; at most 100 remembered
    private final LoginAttempts attempts = new LoginAttempts(
            new LoginAttempts.Settings(3, 5, Duration.ofMinutes(10), Duration.ofMinutes(15), 100), clock);

    @Test
    void theThirdFailureOfAUserAtASourceLocksThatPairOutForTheLockout() {
        assertThat(attempts.failed("admin", "10.0.0.9").count()).isEqualTo(1);
        assertThat(attempts.failed("admin", "10.0.0.9").count()).isEqualTo(2);
        assertThat(attempts.lockout("admin", "10.0.0.9")).isEmpty();
        LoginAttempts.Failure third = attempts.failed("admin", "10.0.0.9");
        assertThat(third.lockout()).hasValueSatisfying(l -> {
            assertThat(l.user()).isEqualTo("admin");
            assertThat(l.until()).isEqualTo(Instant.parse("2026-12-01T09:15:00Z"));
            assertThat(l.failures()).isEqualTo(3);
        });
        assertThat(attempts.lockout("admin", "10.0.0.9")).isPresent();
        // the same user elsewhere, and another user here, are not locked
        assertThat(attempts.lockout("admin", "10.0.0.10")).isEmpty();
        assertThat(attempts.lockout("viewer", "10.0.0.9")).isEmpty();
        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(attempts.lockout("admin", "10.0.0.9")).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(attempts.lockout("admin", "10.0.0.9")).isEmpty();
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        attempts.failed("admin", "10.0.0.9");
        attempts.failed("admin", "10.0.0.9");
        clock.advance(Duration.ofMinutes(10));
        assertThat(attempts.failed("admin", "10.0.0.9").count()).isEqualTo(1);
        assertThat(attempts.lockout("admin", "10.0.0.9")).isEmpty();
    }

    @Test
    void aGoodLoginForgetsThePairsFailuresButNotTheSources() {
        attempts.failed("admin", "10.0.0.9");
        attempts.failed("admin", "10.0.0.9");
        attempts.succeeded("admin", "10.0.0.9");
        assertThat(attempts.failed("admin", "10.0.0.9").count()).isEqualTo(1);
        // 3 failures of admin, then 2 of others: the fifth from the address locks the address for everyone
        attempts.failed("operator", "10.0.0.9");
        LoginAttempts.Failure fifth = attempts.failed("viewer", "10.0.0.9");
        assertThat(fifth.lockout()).hasValueSatisfying(l -> assertThat(l.user()).isNull());
        assertThat(attempts.lockout("someone-else", "10.0.0.9")).isPresent();
        assertThat(attempts.lockout("someone-else", "10.0.0.8")).isEmpty();
    }

    @Test
    void aGoodLoginDoesNotLiftALockout() {
        for (int i = 0; i < 3; i++) {
            attempts.failed("admin", "10.0.0.9");
        }
        attempts.succeeded("admin", "10.0.0.9");
        assertThat(attempts.lockout("admin", "10.0.0.9")).isPresent();
    }

    @Test
    void refusedLoginsAreCountedOnTheLockoutWithoutExtendingIt() {
        for (int i = 0; i < 3; i++) {
            attempts.failed("admin", "10.0.0.9");
        }
        for (int i = 0; i < 1000; i++) {
            attempts.refused("admin", "10.0.0.9");
        }
        LoginAttempts.Lockout lockout = attempts.lockout("admin", "10.0.0.9").orElseThrow();
        assertThat(lockout.refused()).isEqualTo(1000);
        assertThat(lockout.until()).isEqualTo(Instant.parse("2026-12-01T09:15:00Z"));
    }

    @Test
    void anUnlockLiftsAUsersLockoutsAtEveryAddressOrAtOne() {
        for (int i = 0; i < 3; i++) {
            attempts.failed("admin", "10.0.0.9");
            attempts.failed("admin", "10.0.0.10");
        }
        assertThat(attempts.unlock("admin", "10.0.0.10")).isEqualTo(1);
        assertThat(attempts.lockout("admin", "10.0.0.10")).isEmpty();
        assertThat(attempts.lockout("admin", "10.0.0.9")).isPresent();
        assertThat(attempts.unlock("admin", null)).isEqualTo(1);
        assertThat(attempts.lockouts()).isEmpty();
    }

    @Test
    void anUnlockOfAnAddressLiftsItsOwnLockoutOnly() {
        for (int i = 0; i < 5; i++) {
            attempts.failed("user" + i, "10.0.0.9");
        }
        assertThat(attempts.lockout("anyone", "10.0.0.9")).isPresent();
        assertThat(attempts.unlock(null, "10.0.0.9")).isEqualTo(1);
        assertThat(attempts.lockout("anyone", "10.0.0.9")).isEmpty();
    }

    @Test
    void aFloodOfNewNamesDoesNotPushOutALockout() {
        LoginAttempts small = new LoginAttempts(new LoginAttempts.Settings(3, 1000, Duration.ofMinutes(10),
                Duration.ofMinutes(15), 10), clock);
        for (int i = 0; i < 3; i++) {
            small.failed("admin", "10.0.0.9");
        }
        for (int i = 0; i < 500; i++) {
            small.failed("invented-" + i, "10.0.1." + (i % 250));
        }
        assertThat(small.lockout("admin", "10.0.0.9")).isPresent();
    }

    @Test
    void failuresListsWhatCountsTowardsALockoutNewestFirst() {
        attempts.failed("admin", "10.0.0.9");
        clock.advance(Duration.ofSeconds(5));
        attempts.failed("viewer", "10.0.0.8");
        assertThat(attempts.failures()).extracting(LoginAttempts.Failures::user).containsExactly("viewer", null, "admin", null);
    }
}
