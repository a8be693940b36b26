package org.misbridge.oneroster.provider.internal.http;

import java.time.Instant;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.model.School;

/** Where the provider reads a school from: its directory rows, its name, and when it last changed. */
public interface SchoolSource {
    DirectoryState load(String schoolId);

    School school(String schoolId);

    /** When the school's directory last changed (its last good sync), for every record's dateLastModified. */
    Instant lastModified(String schoolId);
}
