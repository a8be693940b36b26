package org.misbridge.sync.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.SyncService;
import org.misbridge.api.directory.SyncRun;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Gathers every configured school's sync as schools come and go. */
@Component(service = SyncService.class)
public final class SyncServiceComponent implements SyncService {

    private final Map<String, SchoolSync> schools = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSchool(SchoolSync school) {
        schools.put(school.schoolId(), school);
    }

    void removeSchool(SchoolSync school) {
        schools.remove(school.schoolId(), school);
    }

    @Override
    public List<SchoolInfo> schools() {
        return schools.values().stream().map(SyncServiceComponent::info)
                .sorted(Comparator.comparing(SchoolInfo::id)).toList();
    }

    @Override
    public Optional<SchoolInfo> school(String schoolId) {
        return Optional.ofNullable(schools.get(schoolId)).map(SyncServiceComponent::info);
    }

    @Override
    public SyncRun sync(String schoolId) {
        return sync(schoolId, SyncOptions.normal());
    }

    @Override
    public SyncRun sync(String schoolId, SyncOptions options) {
        SchoolSync school = schools.get(schoolId);
        if (school == null) {
            throw new IllegalArgumentException("no school '" + schoolId + "' is configured (see school:list)");
        }
        return school.syncNow(options);
    }

    private static SchoolInfo info(SchoolSync s) {
        return new SchoolInfo(s.schoolId(), s.schoolName(), s.readerKind(), Pause.names(s.paused()));
    }
}
