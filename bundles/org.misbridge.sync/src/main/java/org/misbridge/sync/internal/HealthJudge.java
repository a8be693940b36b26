package org.misbridge.sync.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.SchoolHealth;
import org.misbridge.api.SchoolHealth.State;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.scheduler.SyncSchedule;

/** Judges one school's health from its runs and its schedule; the most pressing state wins. */
final class HealthJudge {

    private HealthJudge() {
    }

    static SchoolHealth judge(String schoolId, boolean paused, SyncSchedule schedule, @Nullable SyncRun lastRun,
            @Nullable SyncRun lastGood, @Nullable Instant nextRun, Instant now, Duration staleAfter) {
        Instant goodAt = lastGood == null ? null : lastGood.startedAt();
        State state;
        String cause;
        if (paused) {
            state = State.PAUSED;
            cause = "paused by an operator; school:resume " + schoolId + " resumes it";
        } else if (lastRun == null) {
            state = State.NEVER_SYNCED;
            cause = "no sync has run yet; school:sync " + schoolId + " runs one";
        } else if (lastRun.outcome() == SyncOutcome.FAILED) {
            state = State.FAILING;
            cause = lastRun.message();
        } else if (lastRun.outcome() == SyncOutcome.REFUSED) {
            state = State.REFUSED;
            cause = lastRun.message();
        } else {
            Optional<Instant> due = schedule.latestAtOrBefore(now.minus(staleAfter));
            if (due.isPresent() && (goodAt == null || goodAt.isBefore(due.get()))) {
                state = State.STALE;
                cause = "the sync scheduled for " + due.get() + " has not read the MIS"
                        + (goodAt == null ? "" : "; the last good read started " + goodAt)
                        + " (was the host down, or is a sync stuck?)";
            } else {
                state = State.OK;
                cause = null;
            }
        }
        return new SchoolHealth(schoolId, state, goodAt, lastRun, paused ? null : nextRun, schedule.describe(), cause);
    }
}
