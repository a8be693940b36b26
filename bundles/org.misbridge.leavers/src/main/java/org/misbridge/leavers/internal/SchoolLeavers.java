package org.misbridge.leavers.internal;

import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.OutboxEntry;
import org.misbridge.api.lifecycle.LeaverLifecycle.DeletionProgress;

/** One school's leaver lifecycle, registered with its school.id for {@link LeaverLifecycleComponent} to find. */
public interface SchoolLeavers {

    String schoolId();

    /** Days after deletion when what is kept about a member is anonymised. */
    int anonymiseAfterDays();

    ZoneId zone();

    /** Starts working through the school's deletion queue in the background. */
    void processDeletions();

    /** How far the deletion queue has got since it last started. */
    DeletionProgress progress();

    /** Anonymises now what is past the retention period; returns how many deleted members were anonymised. */
    int anonymiseDue(String actor);

    /** The entries the school's feeds (the meal export) need for a change made outside a sync. */
    List<OutboxEntry> feedEntries(DirectoryState before, ChangeSet changes);

    /** Tells the school's feeds that entries were committed, so they push. */
    void feedsCommitted();

    /**
     * Runs work while no sync of the school runs and no deletion batch is being applied.
     *
     * @throws IllegalArgumentException if the school's sync is not configured
     */
    <T> T exclusively(Supplier<T> work);
}
