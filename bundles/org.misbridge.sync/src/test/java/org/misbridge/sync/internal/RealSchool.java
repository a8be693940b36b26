package org.misbridge.sync.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.misbridge.api.internal.SchoolClaimsRegistry;
import org.misbridge.api.SchoolProperties;
import org.misbridge.api.spi.MisReader;
import org.misbridge.scheduler.internal.SchedulerConfiguration;
import org.misbridge.scheduler.internal.SyncScheduler;
import org.misbridge.mis.oneroster.internal.Limits;
import org.misbridge.mis.oneroster.internal.OneRosterCsvReader;
import org.misbridge.store.jdbc.internal.JdbcDirectory;
import org.misbridge.testkit.Configs;

/**
 * One school wired as DS wires it, from real parts: the OneRoster CSV reader on a folder, the JDBC
 * store on an in-memory H2, the school's sync component and the sync service.
 */
final class RealSchool {

    final JdbcDirectory directory;
    final SchoolSyncComponent school;
    final SyncServiceComponent service;
    final SyncScheduler scheduler;

    RealSchool(String schoolId, Path csv, Map<String, Object> settings) {
        this(schoolId, csv, settings, memoryStore());
    }

    /** Another school component on an existing store, as after a restart of the host. */
    RealSchool(String schoolId, Path csv, Map<String, Object> settings, JdbcDirectory store) {
        directory = store;
        Map<String, Object> values = new HashMap<>(settings);
        values.put("school_id", schoolId);
        MisReader reader = new OneRosterCsvReader(schoolId, csv, null, Clock.systemUTC(), Limits.defaults());
        scheduler = scheduler();
        school = new SchoolSyncComponent(config(values), Map.entry(Map.of(SchoolProperties.SCHOOL_ID, schoolId), reader),
                directory, directory.preferences(), directory.deletions(), scheduler, new SchoolClaimsRegistry());
        service = new SyncServiceComponent(directory, scheduler);
        service.addSchool(school);
    }

    static JdbcDirectory memoryStore() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcDirectory store = new JdbcDirectory(ds);
        store.migrate();
        return store;
    }

    /** A real Quartz scheduler with the default configuration. */
    static SyncScheduler scheduler() {
        try {
            return new SyncScheduler(Configs.of(SchedulerConfiguration.class, Map.of()));
        } catch (org.quartz.SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The configuration DS would hand over: the given values, the annotation's defaults for the rest. */
    static SyncConfiguration config(Map<String, Object> values) {
        return Configs.of(SyncConfiguration.class, values);
    }
}
