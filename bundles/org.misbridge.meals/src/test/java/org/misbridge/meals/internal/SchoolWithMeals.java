package org.misbridge.meals.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.misbridge.api.internal.SchoolClaimsRegistry;
import org.misbridge.api.Decryptor;
import org.misbridge.api.SchoolProperties;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.spi.MisReader;
import org.misbridge.mis.oneroster.internal.Limits;
import org.misbridge.mis.oneroster.internal.OneRosterCsvReader;
import org.misbridge.store.jdbc.internal.JdbcDirectory;
import org.misbridge.scheduler.internal.SchedulerConfiguration;
import org.misbridge.sync.internal.SchoolSyncComponent;
import org.misbridge.sync.internal.SyncConfiguration;
import org.misbridge.scheduler.internal.SyncScheduler;
import org.misbridge.sync.internal.SyncServiceComponent;
import org.misbridge.testkit.Configs;

/**
 * A school wired from real parts as DS wires it: the OneRoster CSV reader, the JDBC store on H2,
 * the school's sync component and sync service, and (when started) its meal exporter as a feed.
 */
final class SchoolWithMeals {

    final String schoolId;
    final JdbcDirectory directory;
    final SchoolSyncComponent school;
    final SyncServiceComponent service;
    MealsExporter exporter;

    SchoolWithMeals(String schoolId, Path csv, Map<String, Object> syncSettings) throws Exception {
        this(schoolId, csv, syncSettings, store());
    }

    SchoolWithMeals(String schoolId, Path csv, Map<String, Object> syncSettings, JdbcDirectory directory) throws Exception {
        this.schoolId = schoolId;
        this.directory = directory;
        Map<String, Object> values = new HashMap<>(syncSettings);
        values.put("school_id", schoolId);
        values.putIfAbsent("schedule", "");
        MisReader reader = new OneRosterCsvReader(schoolId, csv, null, Clock.systemUTC(), Limits.defaults());
        SyncScheduler scheduler = new SyncScheduler(Configs.of(SchedulerConfiguration.class, Map.of()));
        school = new SchoolSyncComponent(Configs.of(SyncConfiguration.class, values),
                Map.entry(Map.of(SchoolProperties.SCHOOL_ID, schoolId), reader), directory, scheduler, new SchoolClaimsRegistry());
        service = new SyncServiceComponent(directory, scheduler);
        service.addSchool(school);
    }

    static JdbcDirectory store() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcDirectory directory = new JdbcDirectory(ds);
        directory.migrate();
        return directory;
    }

    /** Starts the meal export as DS would on etc/org.misbridge.meals-SCHOOL.cfg appearing. */
    MealsExporter startMeals(Map<String, Object> settings) {
        return startMeals(settings, Map.of(), Map.of());
    }

    /**
     * As {@link #startMeals(Map)}, with configuration properties as ConfigAdmin names them (say
     * {@code meals.password=ENC(…)}) and the registered decryptors by alias.
     */
    MealsExporter startMeals(Map<String, Object> settings, Map<String, Object> properties, Map<String, Decryptor> decryptors) {
        Map<String, Object> values = new HashMap<>(settings);
        values.put("school_id", schoolId);
        values.putIfAbsent("meals_retry_firstSeconds", 1);
        values.putIfAbsent("meals_retry_maxSeconds", 2);
        exporter = new MealsExporter(Configs.of(MealsConfiguration.class, values), directory, service,
                ExporterSettings.defaults().withProperties(properties).withDecryptors(decryptors), new SchoolClaimsRegistry());
        school.bindFeed(exporter, Map.of(SchoolProperties.SCHOOL_ID, schoolId));
        return exporter;
    }

    /** Stops it as DS would when the host goes down or the file goes. */
    void stopMeals() {
        school.unbindFeed(exporter);
        exporter.deactivate();
        exporter = null;
    }

    SyncRun sync() {
        return service.sync(schoolId, SyncOptions.normal());
    }
}
