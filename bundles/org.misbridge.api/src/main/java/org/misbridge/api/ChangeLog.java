package org.misbridge.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.misbridge.api.directory.ChangeLogState;
import org.misbridge.api.directory.RowChange;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Which rows of each school's directory changed and when, for consumers that ask for what changed
 * since a time (the OneRoster provider's deltas). The store writes it in the same transaction as every
 * change of the school's rows (a sync, a hand edit, a deletion, a merge, an archive, a detail blocked
 * or unblocked), so the directory and its log never disagree, even after a crash. It keeps each row's
 * latest change; a removed row stays as a tombstone for {@link #retention()} and is then purged. A row
 * with no entry is unchanged since the log began ({@link ChangeLogState#began()}): the rows a school's
 * first write made, and those the store had when it gained the log.
 */
@ProviderType
public interface ChangeLog {

    /** How long a tombstone is kept (by default 30 days): a delta from further back is refused. */
    Duration retention();

    /** Where the school's log stands (one row: cheap enough to ask on every request). */
    ChangeLogState state(String schoolId);

    /**
     * The latest change of each row changed at or after {@code from}, oldest first. Read through an
     * index on the school and the time, so its cost grows with the changes, not with the school.
     */
    List<RowChange> changesSince(String schoolId, Instant from);
}
