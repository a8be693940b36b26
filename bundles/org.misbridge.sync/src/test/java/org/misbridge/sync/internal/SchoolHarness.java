package org.misbridge.sync.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.SchoolClaims;
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
import org.misbridge.testkit.Configs;
import org.osgi.service.component.ComponentConstants;
import org.quartz.SchedulerException;

/**
 * One school wired as DS wires it, from the real parts: a reader (the OneRoster CSV reader on a
 * folder, unless a test gives its own), the JDBC store (a fresh in-memory H2 unless given a store or
 * a database), a Quartz scheduler, the host's school claims, the school's sync component and the
 * sync service. The store hands out the ports ({@code outbox()}, {@code preferences()},
 * {@code deletions()}, {@code auditTrail()}, {@code lifecycle()}) a component on top needs. The sync tests,
 * the meals and leavers tests (through this bundle's test-jar, adding their own component on top) and
 * the benchmarks build their schools here; it lives in sync's tests, not in the testkit, because the
 * testkit is itself a test dependency of the store, scheduler, reader and sync bundles.
 */
public final class SchoolHarness {

    private final String schoolId;
    private final JdbcDirectory directory;
    private final SyncScheduler scheduler;
    private final SchoolClaims claims;
    private final SchoolSyncComponent component;
    private final SyncServiceComponent service;

    private SchoolHarness(Builder b) {
        schoolId = b.schoolId;
        directory = b.directory != null ? b.directory : migrated(b.dataSource != null ? b.dataSource : h2());
        scheduler = b.scheduler != null ? b.scheduler : newScheduler();
        claims = b.claims != null ? b.claims : new SchoolClaimsRegistry();
        MisReader reader = b.reader != null ? b.reader
                : new OneRosterCsvReader(schoolId, Objects.requireNonNull(b.csv, "a reader or a CSV folder"), null,
                        Clock.systemUTC(), Limits.defaults());
        Map<String, Object> values = new HashMap<>(b.settings);
        values.put("school_id", schoolId);
        component = new SchoolSyncComponent(config(values), Map.entry(Map.of(SchoolProperties.SCHOOL_ID, schoolId), reader),
                directory, directory.preferences(), directory.deletions(), scheduler, claims);
        service = new SyncServiceComponent(directory, scheduler);
        service.addSchool(component);
    }

    /** Starts the wiring of a school with this id. */
    public static Builder school(String schoolId) {
        return new Builder(schoolId);
    }

    public String schoolId() {
        return schoolId;
    }

    /** The store; its {@code outbox()}, {@code preferences()}, {@code deletions()} … are the ports. */
    public JdbcDirectory directory() {
        return directory;
    }

    public SyncScheduler scheduler() {
        return scheduler;
    }

    /** The host's one claims registry: give it to the meals or leavers component of the school too. */
    public SchoolClaims claims() {
        return claims;
    }

    /** The school's sync component, as a feed binds to it. */
    public SchoolSyncComponent component() {
        return component;
    }

    public SyncServiceComponent service() {
        return service;
    }

    /** A sync through the service, as {@code school:sync} asks for one. */
    public SyncRun sync() {
        return service.sync(schoolId, SyncOptions.normal());
    }

    /** Stops the school's component as DS does when the host goes down. */
    public void stop() {
        component.deactivate(ComponentConstants.DEACTIVATION_REASON_DISPOSED);
    }

    // --- the parts on their own, for tests that wire a part differently

    /** A fresh in-memory H2 database, kept until the JVM ends. */
    public static DataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    /** The store on a database, its schema migrated as the store component does on activation. */
    public static JdbcDirectory migrated(DataSource dataSource) {
        JdbcDirectory store = new JdbcDirectory(dataSource);
        store.migrate();
        return store;
    }

    /** The store on a fresh in-memory H2. */
    public static JdbcDirectory memoryStore() {
        return migrated(h2());
    }

    /** A real Quartz scheduler with the default configuration (in memory). */
    public static SyncScheduler newScheduler() {
        try {
            return new SyncScheduler(Configs.of(SchedulerConfiguration.class, Map.of()));
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The configuration DS would hand over: the given values, the annotation's defaults for the rest. */
    public static SyncConfiguration config(Map<String, ?> values) {
        return Configs.of(SyncConfiguration.class, values);
    }

    /** What a school is wired from; anything not given is the default part. */
    public static final class Builder {
        private final String schoolId;
        private final Map<String, Object> settings = new HashMap<>();
        private @Nullable Path csv;
        private @Nullable MisReader reader;
        private @Nullable JdbcDirectory directory;
        private @Nullable DataSource dataSource;
        private @Nullable SyncScheduler scheduler;
        private @Nullable SchoolClaims claims;

        private Builder(String schoolId) {
            this.schoolId = schoolId;
        }

        /** The OneRoster CSV reader on this folder. */
        public Builder csv(Path folder) {
            this.csv = folder;
            return this;
        }

        /** A reader of the test's own instead of the CSV reader. */
        public Builder reader(MisReader misReader) {
            this.reader = misReader;
            return this;
        }

        /** {@code SyncConfiguration} values by method or property name; {@code school_id} is set from the id. */
        public Builder settings(Map<String, ?> values) {
            settings.putAll(values);
            return this;
        }

        /** No schedule unless the settings give one: the school syncs when asked only. */
        public Builder onDemand() {
            settings.putIfAbsent("schedule", "");
            return this;
        }

        /** An existing store (already migrated), as another component on it after a restart sees it. */
        public Builder store(JdbcDirectory store) {
            this.directory = store;
            return this;
        }

        /** A store on this database, migrated. */
        public Builder database(DataSource ds) {
            this.dataSource = ds;
            return this;
        }

        /** A scheduler shared with other schools instead of one of the school's own. */
        public Builder scheduler(SyncScheduler shared) {
            this.scheduler = shared;
            return this;
        }

        /** The claims registry of a host shared with other schools' components instead of a fresh one. */
        public Builder claims(SchoolClaims registry) {
            this.claims = registry;
            return this;
        }

        public SchoolHarness build() {
            return new SchoolHarness(this);
        }
    }
}
