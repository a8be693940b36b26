package org.misbridge.api.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A reader that, once it has read a school whole, reads only what changed since (OneRoster
 * {@code dateLastModified}, Wonde {@code updated_after}, OneRoster CSV files hashed at each read).
 * While {@link #readsDeltas()} is true, the sync keeps the last snapshot it applied, compares the
 * next one with it record by record, and re-plans only the families the difference touches: a
 * delta of ten students costs ten families, not the school. Other readers' snapshots are not kept:
 * a school read whole each time would pay a second snapshot's memory for little.
 */
@ConsumerType
public interface DeltaReader extends MisReader {

    /** Whether this reader's reads after the first fetch only what changed (its deltas are switched on). */
    boolean readsDeltas();
}
