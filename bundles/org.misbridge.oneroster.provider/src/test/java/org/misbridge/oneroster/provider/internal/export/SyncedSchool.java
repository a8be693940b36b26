package org.misbridge.oneroster.provider.internal.export;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.misbridge.api.SchoolProperties;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.internal.SchoolClaimsRegistry;
import org.misbridge.api.spi.MisReader;
import org.misbridge.mis.oneroster.internal.Limits;
import org.misbridge.mis.oneroster.internal.OneRosterCsvReader;
import org.misbridge.scheduler.internal.SchedulerConfiguration;
import org.misbridge.scheduler.internal.SyncScheduler;
import org.misbridge.store.jdbc.internal.JdbcDirectory;
import org.misbridge.sync.internal.SchoolSyncComponent;
import org.misbridge.sync.internal.SyncConfiguration;
import org.misbridge.sync.internal.SyncServiceComponent;
import org.misbridge.testkit.Configs;

/**
 * A school wired from real parts as DS wires it: a MIS reader, the sync (pre-admissions imported, so
 * that they are part of the round trip), and the JDBC store on a private H2.
 */
public final class SyncedSchool {
    public final String schoolId;
    public final JdbcDirectory directory;
    public final SyncServiceComponent service;

    public SyncedSchool(String schoolId, MisReader reader) throws Exception {
        this.schoolId = schoolId;
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        directory = new JdbcDirectory(ds);
        directory.migrate();
        SyncScheduler scheduler = new SyncScheduler(Configs.of(SchedulerConfiguration.class, Map.of()));
        SchoolSyncComponent school = new SchoolSyncComponent(
                Configs.of(SyncConfiguration.class, Map.of("school_id", schoolId, "schedule", "",
                        "import_preAdmissions", true)),
                Map.entry(Map.of(SchoolProperties.SCHOOL_ID, schoolId), reader), directory,
                directory.preferences(), directory.deletions(), scheduler, new SchoolClaimsRegistry());
        service = new SyncServiceComponent(directory, scheduler);
        service.addSchool(school);
    }

    /** A school read from a OneRoster CSV set (a folder or a zip). */
    public static SyncedSchool fromCsv(String schoolId, Path csv) throws Exception {
        return new SyncedSchool(schoolId, new OneRosterCsvReader(schoolId, csv, null, Clock.systemUTC(), Limits.defaults()));
    }

    /**
     * A sync as a schedule runs it. Of files unchanged since the last, it reads nothing (issue 21): a
     * test of what a re-read and re-plan give uses {@link #syncForced()}.
     */
    public SyncRun sync() {
        return service.sync(schoolId, SyncOptions.normal());
    }

    /** As {@code school:sync --force}: the files read and planned whatever the stored token says. */
    public SyncRun syncForced() {
        return service.sync(schoolId, new SyncOptions(false, true));
    }
}
