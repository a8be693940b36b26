package org.misbridge.sync.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.stream.Collectors;
import org.misbridge.api.Directory;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.api.spi.MisReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One sync of one school from read to store, all or nothing: any failure is recorded as a run
 * that applied nothing, with the reason an operator can act on.
 */
final class SyncRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SyncRunner.class);

    private final String schoolId;
    private final MisReader reader;
    private final Directory directory;
    private final ImportSettings settings;
    private final ZoneId zone;
    private final Clock clock;

    SyncRunner(String schoolId, MisReader reader, Directory directory, ImportSettings settings, ZoneId zone, Clock clock) {
        this.schoolId = schoolId;
        this.reader = reader;
        this.directory = directory;
        this.settings = settings;
        this.zone = zone;
        this.clock = clock;
    }

    SyncRun run() {
        Instant started = clock.instant();
        MDC.put("school.id", schoolId);
        try {
            Snapshot snapshot = reader.read();
            if (!snapshot.schoolId().equals(schoolId)) {
                return fail(started, "the reader returned school '" + snapshot.schoolId() + "', not '" + schoolId + "'");
            }
            if (!snapshot.failures().isEmpty()) {
                return fail(started, "the MIS read was incomplete: " + snapshot.failures().stream()
                        .map(f -> f.area().name().toLowerCase() + ": " + f.reason()).collect(Collectors.joining("; ")));
            }
            DirectoryState current = directory.load(schoolId);
            if (snapshot.students().isEmpty() && hasImportedStudents(current)) {
                return fail(started, "the MIS returned no students for a school that has them; "
                        + "an empty roll is treated as a broken read, not as everyone leaving");
            }
            LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
            ChangeSet changes = new SyncPlanner(settings, today).plan(snapshot, current);
            SyncRun run = new SyncRun(started, clock.instant(), SyncOutcome.SUCCESS, changes.created(),
                    changes.updated(), changes.removed(), null);
            directory.apply(schoolId, changes, run);
            LOG.info("Synced school {} from {}: {} created, {} updated, {} removed, {} data issues",
                    schoolId, reader.kind(), run.created(), run.updated(), run.removed(), changes.dataIssues().size());
            return run;
        } catch (MisReadException e) {
            return fail(started, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Sync of school {} failed", schoolId, e);
            return fail(started, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            MDC.remove("school.id");
        }
    }

    private static boolean hasImportedStudents(DirectoryState current) {
        return current.members().stream().anyMatch(m -> m.kind() == MemberKind.STUDENT && m.origin() == Origin.IMPORT);
    }

    private SyncRun fail(Instant started, String reason) {
        LOG.warn("Sync of school {} failed, nothing changed: {}", schoolId, reason);
        SyncRun run = new SyncRun(started, clock.instant(), SyncOutcome.FAILED, 0, 0, 0, reason);
        try {
            directory.recordRun(schoolId, run);
        } catch (RuntimeException e) {
            LOG.error("Could not record the failed sync of school {}", schoolId, e);
        }
        return run;
    }
}
