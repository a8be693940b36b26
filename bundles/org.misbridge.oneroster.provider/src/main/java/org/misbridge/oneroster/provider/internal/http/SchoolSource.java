package org.misbridge.oneroster.provider.internal.http;

import java.time.Instant;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.model.School;
import org.misbridge.oneroster.provider.internal.delta.SchoolChanges;

/** Where the provider reads a school from: its directory rows, its name, and when its rows changed. */
public interface SchoolSource {
    DirectoryState load(String schoolId);

    School school(String schoolId);

    /** When the school was last read from its MIS (its last good sync): the academic year is the one it falls in. */
    Instant lastModified(String schoolId);

    /**
     * The school's change log, read before {@link #load} so that rows it does not describe yet are
     * newer than it, not older. A source without one (the default) serves every record as changed at
     * {@link #lastModified} and no deletions.
     */
    default SchoolChanges changes(String schoolId) {
        return SchoolChanges.unlogged(lastModified(schoolId));
    }

    /** A number that grows whenever the school's rows change (cheap to ask every request); 0 when unknown. */
    default long version(String schoolId) {
        return 0;
    }
}
