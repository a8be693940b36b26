package org.misbridge.leavers.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.misbridge.api.internal.SchoolClaimsRegistry;
import org.misbridge.api.Directory;
import org.misbridge.api.SchoolProperties;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.meals.internal.ExporterSettings;
import org.misbridge.meals.internal.MealsConfiguration;
import org.misbridge.meals.internal.MealsExporter;
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
 * One school wired from real parts as DS wires it: the OneRoster CSV reader on a folder, the JDBC
 * store, the school's sync and the sync service, its leaver lifecycle, and (when started) its meal
 * export as a feed of both.
 */
final class LeaverSchool {

    final String schoolId;
    final DataSource dataSource;
    final JdbcDirectory store;
    final SchoolSyncComponent sync;
    final SyncServiceComponent service;
    final LeaversComponent leavers;
    MealsExporter meals;

    LeaverSchool(String schoolId, Path csv, Map<String, Object> syncSettings, Map<String, Object> leaverSettings) {
        this(schoolId, csv, syncSettings, leaverSettings, h2(), null);
    }

    /**
     * Another set of components on an existing database, as after a restart of the host; the leaver
     * lifecycle may see the store through {@code directoryView} (a test's way to make it fail).
     */
    LeaverSchool(String schoolId, Path csv, Map<String, Object> syncSettings, Map<String, Object> leaverSettings,
            DataSource dataSource, Directory directoryView) {
        this.schoolId = schoolId;
        this.dataSource = dataSource;
        this.store = new JdbcDirectory(dataSource);
        store.migrate();
        Map<String, Object> values = new HashMap<>(syncSettings);
        values.put("school_id", schoolId);
        values.putIfAbsent("schedule", "");
        SyncScheduler scheduler;
        try {
            scheduler = new SyncScheduler(Configs.of(SchedulerConfiguration.class, Map.of()));
        } catch (org.quartz.SchedulerException e) {
            throw new IllegalStateException(e);
        }
        sync = new SchoolSyncComponent(Configs.of(SyncConfiguration.class, values), Map.entry(Map.of(SchoolProperties.SCHOOL_ID,
                schoolId), new OneRosterCsvReader(schoolId, csv, null, Clock.systemUTC(), Limits.defaults())), store, scheduler, new SchoolClaimsRegistry());
        service = new SyncServiceComponent(store, scheduler);
        service.addSchool(sync);
        Map<String, Object> lv = new HashMap<>(leaverSettings);
        lv.put("school_id", schoolId);
        lv.putIfAbsent("deletion_restartDelaySeconds", 0);
        leavers = new LeaversComponent(Configs.of(LeaversConfiguration.class, lv), Map.of(),
                directoryView == null ? store : directoryView, store.lifecycle(), service, new SchoolClaimsRegistry());
    }

    static DataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    SyncRun syncNow() {
        return service.sync(schoolId, SyncOptions.normal());
    }

    /** Starts the meal export as DS would: a feed of the sync and of the leaver lifecycle. */
    MealsExporter startMeals(Map<String, Object> settings) {
        Map<String, Object> values = new HashMap<>(settings);
        values.put("school_id", schoolId);
        values.putIfAbsent("meals_retry_firstSeconds", 1);
        values.putIfAbsent("meals_retry_maxSeconds", 2);
        meals = new MealsExporter(Configs.of(MealsConfiguration.class, values), store, service, ExporterSettings.defaults(), new SchoolClaimsRegistry());
        sync.bindFeed(meals, Map.of(SchoolProperties.SCHOOL_ID, schoolId));
        leavers.bindFeed(meals, Map.of(SchoolProperties.SCHOOL_ID, schoolId));
        return meals;
    }

    /** Stops everything as DS would when the host goes down. */
    void stop() {
        leavers.deactivate();
        sync.deactivate(org.osgi.service.component.ComponentConstants.DEACTIVATION_REASON_DISPOSED);
        if (meals != null) {
            meals.deactivate();
        }
    }
}
