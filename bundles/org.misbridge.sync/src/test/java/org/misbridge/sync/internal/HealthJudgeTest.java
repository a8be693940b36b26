package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.misbridge.api.SchoolHealth;
import org.misbridge.api.SchoolHealth.State;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.scheduler.SyncSchedule;

/** school:health's states, from a school's runs and its schedule (06:00, 11:00, 15:00, 18:00 London). */
class HealthJudgeTest {

    private static final SyncSchedule DEFAULT = SyncSchedule.parse(SyncSchedule.DEFAULT, ZoneId.of("Europe/London"));
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Instant NOW = Instant.parse("2026-11-23T12:30:00Z");

    private static SyncRun run(String at, SyncOutcome outcome, String message) {
        Instant t = Instant.parse(at);
        return new SyncRun(t, t.plusSeconds(20), outcome, 0, 0, 0, message);
    }

    private static SchoolHealth judge(SyncRun last, SyncRun good) {
        return HealthJudge.judge("s", false, DEFAULT, last, good, null, NOW, HOUR);
    }

    @Test
    void aSchoolReadAtItsLastScheduledTimeIsOk() {
        SyncRun at11 = run("2026-11-23T11:00:00Z", SyncOutcome.SUCCESS, null);
        assertThat(judge(at11, at11).state()).isEqualTo(State.OK);
    }

    @Test
    void aMissedScheduledReadMakesTheSchoolStaleOnceTheGracePeriodHasPassed() {
        SyncRun at06 = run("2026-11-23T06:00:00Z", SyncOutcome.SUCCESS, null);

        SchoolHealth health = judge(at06, at06);

        assertThat(health.state()).isEqualTo(State.STALE);
        assertThat(health.cause()).contains("2026-11-23T11:00:00Z").contains("2026-11-23T06:00:00Z");
        // within the hour after 11:00 the 11:00 sync may still be running or queued
        assertThat(HealthJudge.judge("s", false, DEFAULT, at06, at06, null, Instant.parse("2026-11-23T11:45:00Z"), HOUR)
                .state()).isEqualTo(State.OK);
    }

    @Test
    void aFailedReadIsFailingWithTheReasonAndARefusedOneWaitsForAnOperator() {
        SyncRun good = run("2026-11-23T06:00:00Z", SyncOutcome.SUCCESS, null);
        SchoolHealth failing = judge(run("2026-11-23T11:00:00Z", SyncOutcome.FAILED, "HTTP 401 from the MIS"), good);
        SchoolHealth refused = judge(run("2026-11-23T11:00:00Z", SyncOutcome.REFUSED, "refused by the deletion threshold"), good);

        assertThat(failing.state()).isEqualTo(State.FAILING);
        assertThat(failing.cause()).isEqualTo("HTTP 401 from the MIS");
        assertThat(failing.lastGoodRead()).isEqualTo(good.startedAt());
        assertThat(refused.state()).isEqualTo(State.REFUSED);
    }

    @Test
    void pausedAndNeverSyncedSchoolsSaySoAndOnDemandSchoolsAreNeverStale() {
        assertThat(HealthJudge.judge("s", true, DEFAULT, null, null, NOW, NOW, HOUR).state()).isEqualTo(State.PAUSED);
        assertThat(HealthJudge.judge("s", true, DEFAULT, null, null, NOW, NOW, HOUR).nextRun()).isNull();
        assertThat(judge(null, null).state()).isEqualTo(State.NEVER_SYNCED);
        SyncRun old = run("2026-01-01T06:00:00Z", SyncOutcome.SUCCESS, null);
        assertThat(HealthJudge.judge("s", false, SyncSchedule.parse("", ZoneId.of("Europe/London")), old, old, null, NOW, HOUR)
                .state()).isEqualTo(State.OK);
    }
}
