package org.misbridge.api.spi;

import java.util.List;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.OutboxEntry;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Turns a school's directory changes into outbox entries for another system, such as a meal
 * manager. Registered with the {@code school.id} service property of the one school it serves.
 * The sync stores the entries in the same transaction as the changes, so none is lost or
 * recorded without its change.
 */
@ConsumerType
public interface ChangeFeed {

    /** The outbox topic this feed writes, e.g. {@code meals}. */
    String topic();

    /**
     * The first full export: the entries the directory as it is calls for. The sync stores them
     * once, when the feed first appears, while no sync of the school runs.
     */
    List<OutboxEntry> initial(DirectoryState state);

    /**
     * The entries a change set calls for, given the directory before it: every member and group, and
     * of the other rows at least those the change set touches (a re-sync loads only what changed).
     */
    List<OutboxEntry> entriesFor(DirectoryState before, ChangeSet changes);

    /** Called after entries for this feed were committed (a sync, the first full export); a good moment to push. */
    void committed();
}
