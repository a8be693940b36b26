package org.misbridge.leavers.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.misbridge.api.DeletionQueue;
import org.misbridge.api.Directory;
import org.misbridge.api.SchoolClaims;
import org.misbridge.api.SchoolProperties;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.meals.internal.ExporterSettings;
import org.misbridge.meals.internal.MealsConfiguration;
import org.misbridge.meals.internal.MealsExporter;
import org.misbridge.store.jdbc.internal.JdbcDirectory;
import org.misbridge.sync.internal.SchoolHarness;
import org.misbridge.sync.internal.SchoolSyncComponent;
import org.misbridge.sync.internal.SyncServiceComponent;
import org.misbridge.testkit.Configs;
import org.misbridge.testkit.CountedLoads;
import org.osgi.service.component.ComponentConstants;

/**
 * A school from {@link SchoolHarness} (OneRoster CSV reader, JDBC store, the school's sync and the
 * sync service) with its leaver lifecycle, and (when started) its meal export as a feed of both.
 */
final class LeaverSchool {

    final String schoolId;
    final DataSource dataSource;
    final JdbcDirectory store;
    final SchoolSyncComponent sync;
    final SyncServiceComponent service;
    final SchoolClaims claims;
    final LeaversComponent leavers;
    /** How many times the leaver lifecycle loaded the whole school. */
    final AtomicInteger schoolLoads = new AtomicInteger();
    MealsExporter meals;

    LeaverSchool(String schoolId, Path csv, Map<String, Object> syncSettings, Map<String, Object> leaverSettings) {
        this(schoolId, csv, syncSettings, leaverSettings, SchoolHarness.h2(), null);
    }

    /**
     * Another set of components on an existing database, as after a restart of the host; the leaver
     * lifecycle may see the deletion queue through {@code deletionView} (a test's way to make it fail).
     */
    LeaverSchool(String schoolId, Path csv, Map<String, Object> syncSettings, Map<String, Object> leaverSettings,
            DataSource dataSource, DeletionQueue deletionView) {
        SchoolHarness school = SchoolHarness.school(schoolId).csv(csv).settings(syncSettings).onDemand().database(dataSource)
                .build();
        this.schoolId = schoolId;
        this.dataSource = dataSource;
        this.store = school.directory();
        this.sync = school.component();
        this.service = school.service();
        this.claims = school.claims();
        Map<String, Object> lv = new HashMap<>(leaverSettings);
        lv.put("school_id", schoolId);
        lv.putIfAbsent("deletion_restartDelaySeconds", 0);
        // the real store, its loads of a whole school counted
        Directory counted = CountedLoads.counting(store, schoolLoads);
        leavers = new LeaversComponent(Configs.of(LeaversConfiguration.class, lv), Map.of(),
                counted, deletionView == null ? store.deletions() : deletionView, store.lifecycle(), service, claims);
        leavers.useChangeLog(store.changeLog()); // as DS binds the store's
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
        meals = new MealsExporter(Configs.of(MealsConfiguration.class, values), store.outbox(), service, ExporterSettings.defaults(),
                claims);
        sync.bindFeed(meals, Map.of(SchoolProperties.SCHOOL_ID, schoolId));
        leavers.bindFeed(meals, Map.of(SchoolProperties.SCHOOL_ID, schoolId));
        return meals;
    }

    /** Stops everything as DS would when the host goes down. */
    void stop() {
        leavers.deactivate();
        sync.deactivate(ComponentConstants.DEACTIVATION_REASON_DISPOSED);
        if (meals != null) {
            meals.deactivate();
        }
    }
}
