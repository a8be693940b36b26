package org.misbridge.oneroster.provider.internal.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.AuditTrail;
import org.misbridge.api.Directory;
import org.misbridge.api.SchoolHealth;
import org.misbridge.api.SyncService;
import org.misbridge.api.directory.AuditRecord;
import org.misbridge.api.files.ExportFolder;
import org.misbridge.api.model.School;
import org.misbridge.oneroster.provider.internal.audit.ProviderAudit;
import org.misbridge.oneroster.provider.internal.mapping.RosterMapper;
import org.misbridge.oneroster.provider.internal.mapping.RosterView;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a school's directory as a OneRoster 1.2 bulk CSV zip into the export folder, mapped as the
 * REST endpoints map it ({@link RosterMapper}, with every contact detail: the full scope). The file
 * is new, written whole through a temp file that is never a link, or not at all; personal data leaves
 * the host with it, so each file written is in the school's audit trail, or is removed.
 */
@Component(service = OneRosterExport.class)
public final class OneRosterExport {
    /** English schools: the academic year and dates are London's, as the REST side has them. */
    static final ZoneId ZONE = ZoneId.of("Europe/London");
    /** hrefs are not in the CSV binding; the mapping needs a base for them all the same. */
    static final String NO_BASE = "urn:misbridge:oneroster";

    private static final Logger LOG = LoggerFactory.getLogger(OneRosterExport.class);

    private final Directory directory;
    private final SyncService syncService;
    private final AuditTrail trail;
    private final Clock clock;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile @Nullable ExportFolder exports;

    @Activate
    public OneRosterExport(@Reference Directory directory, @Reference SyncService syncService, @Reference AuditTrail trail) {
        this(directory, syncService, trail, null, Clock.systemUTC());
    }

    /** With the export folder and clock given, for tests. */
    public OneRosterExport(Directory directory, SyncService syncService, AuditTrail trail, @Nullable ExportFolder exports,
            Clock clock) {
        this.directory = directory;
        this.syncService = syncService;
        this.trail = trail;
        this.exports = exports;
        this.clock = clock;
    }

    /** What was written and where. */
    public record Written(Path file, BulkCsv.Counts counts) {
    }

    /** Whether the host has that school (configured for a sync). */
    public boolean hasSchool(String schoolId) {
        return syncService.school(schoolId).isPresent();
    }

    /**
     * Writes the school's set as a new zip of that plain name in the export folder ({@code .zip} added
     * when missing), and then the audit record ({@value ProviderAudit#EXPORT}, the file's name, the users
     * written) by {@code actor}. A refused name writes neither; a record that cannot be written removes
     * the file, so no set leaves unrecorded.
     *
     * @throws IllegalArgumentException     the name is not a plain file name
     * @throws IllegalStateException        there is no export folder
     * @throws java.nio.file.FileAlreadyExistsException a file of that name is there already
     */
    public Written export(String schoolId, String fileName, String actor) throws IOException {
        ExportFolder folder = exports;
        if (folder == null) {
            throw new IllegalStateException("no export folder: the configuration " + ExportFolder.PID
                    + " was refused (log:display | grep -i 'export folder' says why); files are written only there");
        }
        RosterView view = view(schoolId);
        BulkCsv.Counts[] counts = new BulkCsv.Counts[1];
        Path file = folder.writeNew(fileName, ".zip", out -> counts[0] = BulkCsv.write(view, schoolId, out));
        int users = counts[0].rows().get("users.csv");
        try {
            ProviderAudit.record(trail, schoolId,
                    new AuditRecord(clock.instant(), actor, ProviderAudit.EXPORT, String.valueOf(file.getFileName()), users));
        } catch (RuntimeException e) {
            Files.deleteIfExists(file);
            throw new IllegalStateException("the audit record could not be written, so the file was removed: " + e.getMessage(), e);
        }
        LOG.info("Wrote the OneRoster bulk CSV set of {} ({} rows) to {}", schoolId, counts[0].total(), file);
        return new Written(file, counts[0]);
    }

    /** The school as OneRoster records, as the REST side maps it. */
    public RosterView view(String schoolId) {
        String name = syncService.school(schoolId).map(SyncService.SchoolInfo::name).orElse(schoolId);
        return RosterMapper.map(directory.load(schoolId), new School(schoolId, name, ZONE), lastModified(schoolId), NO_BASE);
    }

    private Instant lastModified(String schoolId) {
        for (SchoolHealth health : syncService.health()) {
            if (health.schoolId().equals(schoolId) && health.lastGoodRead() != null) {
                return health.lastGoodRead();
            }
        }
        return clock.instant();
    }
}
