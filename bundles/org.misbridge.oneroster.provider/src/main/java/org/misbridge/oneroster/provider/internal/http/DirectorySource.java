package org.misbridge.oneroster.provider.internal.http;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.ChangeLog;
import org.misbridge.api.Directory;
import org.misbridge.api.SchoolHealth;
import org.misbridge.api.SyncService;
import org.misbridge.api.directory.ChangeLogState;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.model.School;
import org.misbridge.oneroster.provider.internal.delta.SchoolChanges;

/**
 * A school as the host holds it: rows through {@link Directory#load}, their changes through the
 * {@link ChangeLog}, the name and last good read from the sync service when it is there (the id, and
 * the time of reading, when it is not).
 */
final class DirectorySource implements SchoolSource {
    /** English schools: the academic year and dates are London's. */
    private static final ZoneId ZONE = ZoneId.of("Europe/London");

    private final Directory directory;
    private final ChangeLog changeLog;
    private final @Nullable SyncService syncService;

    DirectorySource(Directory directory, ChangeLog changeLog, @Nullable SyncService syncService) {
        this.directory = directory;
        this.changeLog = changeLog;
        this.syncService = syncService;
    }

    @Override
    public SchoolChanges changes(String schoolId) {
        ChangeLogState state = changeLog.state(schoolId);
        return SchoolChanges.logged(state, changeLog.retention(),
                state.began() == null ? List.of() : changeLog.changesSince(schoolId, Instant.EPOCH),
                Instant.now());
    }

    @Override
    public long version(String schoolId) {
        return changeLog.state(schoolId).version();
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
