package org.misbridge.sync.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.SyncProgress;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.scheduler.SyncSchedule;
import org.misbridge.sync.plan.Pause;

/** One configured school's sync, registered with its school.id for the sync service to find. */
public interface SchoolSync {

    String schoolId();

    String schoolName();

    String readerKind();

    /** Whether the school's reader now reads only what changed since its last read (see {@code DeltaReader}). */
    default boolean readsDeltas() {
        return false;
    }

    /** The parts of this school's sync that are paused (empty when none). */
    Set<Pause> paused();

    /** When this school syncs by itself. */
    SyncSchedule schedule();

    /** When the next scheduled sync fires, if one is scheduled. */
    Optional<Instant> nextRun();

    /** Runs work on the school's directory while no sync of the school runs (and none starts). */
    <T> T exclusively(Supplier<T> work);

    /** Runs a sync now; a second caller waits until the first has finished. */
    SyncRun syncNow(SyncOptions options);

    /** As {@link #syncNow(SyncOptions)}, telling {@code progress} how it gets on. */
    SyncRun syncNow(SyncOptions options, SyncProgress progress);
}
