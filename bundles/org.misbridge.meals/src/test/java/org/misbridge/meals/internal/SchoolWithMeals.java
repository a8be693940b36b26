package org.misbridge.meals.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.misbridge.api.Decryptor;
import org.misbridge.api.SchoolClaims;
import org.misbridge.api.SchoolProperties;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.store.jdbc.internal.JdbcDirectory;
import org.misbridge.sync.internal.SchoolHarness;
import org.misbridge.sync.internal.SchoolSyncComponent;
import org.misbridge.sync.internal.SyncServiceComponent;
import org.misbridge.testkit.Configs;

/**
 * A school from {@link SchoolHarness} (OneRoster CSV reader, JDBC store on H2 unless given one, the
 * school's sync and the sync service) and, when started, its meal exporter as a feed.
 */
final class SchoolWithMeals {

    final String schoolId;
    final JdbcDirectory directory;
    final SchoolSyncComponent school;
    final SyncServiceComponent service;
    final SchoolClaims claims;
    MealsExporter exporter;

    SchoolWithMeals(String schoolId, Path csv, Map<String, Object> syncSettings) {
        this(SchoolHarness.school(schoolId).csv(csv).settings(syncSettings).onDemand().build());
    }

    SchoolWithMeals(String schoolId, Path csv, Map<String, Object> syncSettings, JdbcDirectory directory) {
        this(SchoolHarness.school(schoolId).csv(csv).settings(syncSettings).onDemand().store(directory).build());
    }

    private SchoolWithMeals(SchoolHarness harness) {
        this.schoolId = harness.schoolId();
        this.directory = harness.directory();
        this.school = harness.component();
        this.service = harness.service();
        this.claims = harness.claims();
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
        exporter = new MealsExporter(Configs.of(MealsConfiguration.class, values), directory.outbox(), service,
                ExporterSettings.defaults().withProperties(properties).withDecryptors(decryptors), claims);
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
