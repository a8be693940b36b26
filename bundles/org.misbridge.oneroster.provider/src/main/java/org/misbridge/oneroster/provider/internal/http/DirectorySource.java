package org.misbridge.oneroster.provider.internal.http;

import java.time.Instant;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Directory;
import org.misbridge.api.SchoolHealth;
import org.misbridge.api.SyncService;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.model.School;

/**
 * A school as the host holds it: rows through {@link Directory#load}, the name and last good read
 * from the sync service when it is there (the id, and the time of reading, when it is not).
 */
final class DirectorySource implements SchoolSource {
    /** English schools: the academic year and dates are London's. */
    private static final ZoneId ZONE = ZoneId.of("Europe/London");

    private final Directory directory;
    private final @Nullable SyncService syncService;

    DirectorySource(Directory directory, @Nullable SyncService syncService) {
        this.directory = directory;
        this.syncService = syncService;
    }

    @Override
    public DirectoryState load(String schoolId) {
        return directory.load(schoolId);
    }

    @Override
    public School school(String schoolId) {
        String name = syncService == null ? schoolId
                : syncService.school(schoolId).map(SyncService.SchoolInfo::name).orElse(schoolId);
        return new School(schoolId, name, ZONE);
    }

    @Override
    public Instant lastModified(String schoolId) {
        if (syncService != null) {
            for (SchoolHealth health : syncService.health()) {
                if (health.schoolId().equals(schoolId) && health.lastGoodRead() != null) {
                    return health.lastGoodRead();
                }
            }
        }
        return Instant.now();
    }
}
