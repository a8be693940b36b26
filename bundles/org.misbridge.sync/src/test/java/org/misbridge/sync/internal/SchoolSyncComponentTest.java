package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.SchoolClaims;
import org.misbridge.api.internal.SchoolClaimsRegistry;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.api.spi.MisReader;
import org.misbridge.mis.oneroster.internal.Limits;
import org.misbridge.mis.oneroster.internal.OneRosterCsvReader;
import org.misbridge.store.jdbc.internal.JdbcDirectory;
import org.misbridge.testkit.Configs;
import org.misbridge.testkit.SchoolGenerator;

/** The per-school component as DS builds it, on the real reader and store. */
class SchoolSyncComponentTest {

    /** The configuration DS would hand over: the given values, the annotation's defaults for the rest. */
    private static SyncConfiguration config(Map<String, Object> values) {
        return Configs.of(SyncConfiguration.class, values);
    }

    private static JdbcDirectory store() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcDirectory directory = new JdbcDirectory(ds);
        directory.migrate();
        return directory;
    }

    /** Reads through the real OneRoster reader and remembers how many reads ever overlapped. */
    private static final class OverlapRecordingReader implements MisReader {
        private final OneRosterCsvReader reader;
        private final AtomicInteger inside = new AtomicInteger();
        private final AtomicInteger peak = new AtomicInteger();

        OverlapRecordingReader(Path csv) {
            reader = new OneRosterCsvReader("greenfield", csv, null, Clock.systemUTC(), Limits.defaults());
        }

        @Override
        public String kind() {
            return "oneroster-csv";
        }

        @Override
        public Snapshot read() throws MisReadException {
            peak.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                return reader.read();
            } finally {
                inside.decrementAndGet();
            }
        }
    }

    @Test
    void twentySyncsOfOneSchoolAtOnceRunOneAtATimeAndAllRun(@TempDir Path dir) throws Exception {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-g", 200, 9L), dir);
        OverlapRecordingReader reader = new OverlapRecordingReader(dir);
        JdbcDirectory directory = store();
        SchoolSyncComponent school = new SchoolSyncComponent(
                config(Map.of("school_id", "greenfield", "school_name", "Greenfield", "reader_target", "(school.id=greenfield)")),
                new AbstractMap.SimpleEntry<>(Map.of("school.id", "greenfield"), reader), directory, directory.preferences(), directory.deletions(), SchoolHarness.newScheduler(), new SchoolClaimsRegistry());
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<SyncRun>> runs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                runs.add(pool.submit(() -> {
                    go.await();
                    return school.syncNow(SyncOptions.normal());
                }));
            }
            go.countDown();
            List<SyncRun> done = new ArrayList<>();
            for (Future<SyncRun> run : runs) {
                done.add(run.get(60, TimeUnit.SECONDS));
            }
            assertThat(done).allMatch(r -> r.outcome() == SyncOutcome.SUCCESS);
            assertThat(reader.peak.get()).as("reads that overlapped").isEqualTo(1);
            assertThat(done).as("only the first run to get the school creates rows; the others find nothing to do")
                    .filteredOn(r -> r.created() > 0).hasSize(1);
            assertThat(done).filteredOn(r -> r.created() + r.updated() + r.removed() == 0).hasSize(19);
        } finally {
            pool.shutdownNow();
            school.deactivate(org.osgi.service.component.ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED);
        }
    }

    @Test
    void aReaderServingAnotherSchoolIsRejectedAtActivation(@TempDir Path dir) {
        JdbcDirectory store = store();
        assertThatThrownBy(() -> new SchoolSyncComponent(
                config(Map.of("school_id", "intruder", "school_name", "X", "reader_target", "(school.id=greenfield)")),
                new AbstractMap.SimpleEntry<>(Map.of("school.id", "greenfield"), new OverlapRecordingReader(dir)), store, store.preferences(), store.deletions(), SchoolHarness.newScheduler(), new SchoolClaimsRegistry()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("selects a reader of school 'greenfield'");
    }

    @Test
    void anUnknownPausePartIsAClearConfigurationError(@TempDir Path dir) {
        JdbcDirectory store = store();
        assertThatThrownBy(() -> new SchoolSyncComponent(
                config(Map.of("school_id", "greenfield", "school_name", "X", "reader_target", "(school.id=greenfield)",
                        "pause", new String[] {"lunch"})),
                new AbstractMap.SimpleEntry<>(Map.of("school.id", "greenfield"), new OverlapRecordingReader(dir)), store, store.preferences(), store.deletions(), SchoolHarness.newScheduler(), new SchoolClaimsRegistry()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pause 'lunch' is not one of");
    }

    @Test
    void aSyncReportsItsStepsAndPostsStartedAndFinishedWithItsCounts(@TempDir Path dir) throws Exception {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-g", 40, 3L), dir);
        JdbcDirectory store = store();
        SchoolSyncComponent school = new SchoolSyncComponent(
                config(Map.of("school_id", "greenfield", "school_name", "Greenfield", "reader_target", "(school.id=greenfield)")),
                new AbstractMap.SimpleEntry<>(Map.of("school.id", "greenfield"), new OverlapRecordingReader(dir)), store, store.preferences(), store.deletions(),
                SchoolHarness.newScheduler(), new SchoolClaimsRegistry());
        List<org.osgi.service.event.Event> posted = new java.util.concurrent.CopyOnWriteArrayList<>();
        school.bindEventAdmin(new org.osgi.service.event.EventAdmin() {
            @Override
            public void postEvent(org.osgi.service.event.Event event) {
                posted.add(event);
            }

            @Override
            public void sendEvent(org.osgi.service.event.Event event) {
                throw new AssertionError("a sync must not wait for event handlers");
            }
        });
        try {
            List<String> steps = new ArrayList<>();
            SyncRun run = school.syncNow(SyncOptions.normal(), steps::add);
            assertThat(steps).hasSize(3);
            assertThat(steps.get(0)).startsWith("read 40 students").contains("from oneroster-csv");
            assertThat(steps.get(1)).startsWith("planned " + run.created() + " to create, 0 to update, 0 to remove");
            assertThat(steps.get(2)).startsWith("applied in ");
            assertThat(posted).extracting(org.osgi.service.event.Event::getTopic)
                    .containsExactly(org.misbridge.api.SyncEvents.STARTED, org.misbridge.api.SyncEvents.FINISHED);
            org.osgi.service.event.Event finished = posted.get(1);
            assertThat(finished.getProperty("school.id")).isEqualTo("greenfield");
            assertThat(finished.getProperty("outcome")).isEqualTo("SUCCESS");
            assertThat(finished.getProperty("created")).isEqualTo(run.created());
            assertThat((Long) finished.getProperty("durationMillis")).isGreaterThanOrEqualTo(0L);

            // without EventAdmin the sync runs the same
            school.unbindEventAdmin(null);
            assertThat(school.syncNow(SyncOptions.normal()).outcome()).isEqualTo(SyncOutcome.SUCCESS);
            assertThat(posted).hasSize(2);
        } finally {
            school.deactivate(org.osgi.service.component.ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED);
        }
    }

    @Test
    void aSecondSyncConfigurationForASchoolIsRefusedUntilTheFirstGoes(@TempDir Path dir) {
        SyncConfiguration config = config(Map.of("school_id", "greenfield", "school_name", "G", "reader_target", "(school.id=greenfield)",
                "schedule", ""));
        Map.Entry<Map<String, Object>, MisReader> reader = new AbstractMap.SimpleEntry<>(Map.of("school.id", "greenfield"),
                new OverlapRecordingReader(dir));
        JdbcDirectory directory = store();
        SchoolClaims claims = new SchoolClaimsRegistry(); // the host's one, shared by its configurations
        SchoolSyncComponent first = new SchoolSyncComponent(config, Map.of("service.pid", "org.misbridge.sync~greenfield",
                "felix.fileinstall.filename", "file:/k/etc/org.misbridge.sync-greenfield.cfg"), reader, directory, directory.preferences(), directory.deletions(), SchoolHarness.newScheduler(), claims);
        Map<String, Object> second = Map.of("service.pid", "org.misbridge.sync~copy",
                "felix.fileinstall.filename", "file:/k/etc/org.misbridge.sync-greenfield-copy.cfg");
        assertThatThrownBy(() -> new SchoolSyncComponent(config, second, reader, directory, directory.preferences(), directory.deletions(), SchoolHarness.newScheduler(), claims))
                .hasMessageContaining("etc/org.misbridge.sync-greenfield-copy.cfg is named for school 'greenfield-copy'");
        Map<String, Object> unnamed = Map.of("service.pid", "org.misbridge.sync.6f1e");
        assertThatThrownBy(() -> new SchoolSyncComponent(config, unnamed, reader, directory, directory.preferences(), directory.deletions(), SchoolHarness.newScheduler(), claims))
                .hasMessageContaining("configuration org.misbridge.sync.6f1e is refused: school 'greenfield' already has a"
                        + " org.misbridge.sync configuration, etc/org.misbridge.sync-greenfield.cfg");
        first.deactivate(org.osgi.service.component.ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED);
        new SchoolSyncComponent(config, unnamed, reader, directory, directory.preferences(), directory.deletions(), SchoolHarness.newScheduler(), claims)
                .deactivate(org.osgi.service.component.ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED);
    }
}
