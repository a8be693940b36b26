package org.misbridge.scheduler;

import java.time.Instant;
import java.util.Optional;

/**
 * The host's one scheduler of school syncs (etc/org.misbridge.sync.scheduler.cfg): alone, or sharing
 * the schedules with every host on the directory's PostgreSQL database, where each firing runs on
 * exactly one host that has the school.
 */
public interface SchoolScheduler {

    /**
     * Sets the school's schedule and what its firings run on this host; an on-demand-only schedule
     * removes the school's job. In a cluster the stored job is written only when it differs.
     */
    void schedule(String schoolId, SyncSchedule schedule, ScheduledWork work);

    /** The school's configuration was deleted: its schedule goes, from the cluster too. */
    void unschedule(String schoolId);

    /** This host stops running the school; in a cluster its schedule stays and other hosts run it. */
    void release(String schoolId);

    /** Fires the school's scheduled job now, as its trigger would; in a cluster, on any host. */
    void fireNow(String schoolId);

    /** When the school's next scheduled sync fires, if it has a schedule. */
    Optional<Instant> nextRun(String schoolId);

    /** This host's name, recorded with every sync it runs. */
    String nodeId();

    /** How long after a scheduled time a school without a good read since counts as stale. */
    int staleAfterMinutes();
}
