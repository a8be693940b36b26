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

    /** The entries a change set calls for, given the directory before it. */
    List<OutboxEntry> entriesFor(DirectoryState before, ChangeSet changes);

    /** Called after a sync with entries for this feed has committed; a good moment to push. */
    void committed();
}
