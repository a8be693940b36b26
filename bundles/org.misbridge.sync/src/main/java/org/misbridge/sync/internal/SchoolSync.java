package org.misbridge.sync.internal;

import org.misbridge.api.SyncOptions;
import org.misbridge.api.directory.SyncRun;

/** One configured school's sync, registered with its school.id for the sync service to find. */
public interface SchoolSync {

    String schoolId();

    String schoolName();

    String readerKind();

    /** The parts of this school's sync that are paused (empty when none). */
    java.util.Set<Pause> paused();

    /** Runs a sync now; a second caller waits until the first has finished. */
    SyncRun syncNow(SyncOptions options);
}
