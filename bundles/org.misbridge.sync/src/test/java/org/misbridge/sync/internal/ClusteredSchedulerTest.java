package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.internal.SchoolClaimsRegistry;
import org.misbridge.api.SchoolProperties;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.api.spi.MisReader;
import org.misbridge.scheduler.SyncSchedule;
import org.misbridge.scheduler.internal.SchedulerConfiguration;
import org.misbridge.scheduler.internal.SyncScheduler;
import org.misbridge.mis.oneroster.internal.Limits;
import org.misbridge.mis.oneroster.internal.OneRosterCsvReader;
import org.misbridge.store.jdbc.internal.JdbcDirectory;
import org.misbridge.testkit.Configs;
import org.misbridge.testkit.SchoolGenerator;
import org.misbridge.testkit.PostgresSchema;

/**
 * The clustered job store on real PostgreSQL: two schedulers in one fresh schema stand for two hosts
 * (each with its own DataSource, as separate machines would have). Schedules fire every two seconds
 * and hosts check in every second, so a stopped host is taken for dead within about ten seconds.
 */
class ClusteredSchedulerTest {

    // a host that finds nothing due looks again after a second, not Quartz's 30 s
    private static final SyncScheduler.Timing FAST = new SyncScheduler.Timing(Duration.ofSeconds(1), Duration.ofSeconds(1),
            Duration.ofSeconds(1));
    private static final SyncSchedule EVERY_TWO_SECONDS = SyncSchedule.parse("cron: 0/2 * * * * ?", ZoneOffset.UTC);
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private PostgresSchema pg;
    private JdbcDirectory directory;
    private final List<SyncScheduler> hosts = new ArrayList<>();
    private final CountDownLatch teardown = new CountDownLatch(1);

    /** One sync a host began: which school, for which firing, where, and whether it was a recovery. */
    private record Ran(String school, Instant firing, String host, boolean recovering) {
    }

    @BeforeEach
    void freshSchema() throws SQLException {
        pg = PostgresSchema.fresh("misbridge_cluster");
        directory = new JdbcDirectory(pg.dataSource());
        directory.migrate();
    }

    @AfterEach
    void stopHostsAndDropSchema() throws Exception {
        teardown.countDown();
        for (SyncScheduler host : hosts) {
            host.stop();
        }
        pg.close();
    }

    private SyncScheduler host(String nodeId) throws Exception {
        SyncScheduler host = new SyncScheduler(config(Map.of("jobStore", "clustered", "nodeId", nodeId, "threads", 3,
                "clusterCheckinSeconds", 1)), pg.dataSource(), new JdbcDirectory(pg.dataSource()), FAST);
        hosts.add(host);
        return host;
    }

    private static SchedulerConfiguration config(Map<String, Object> values) {
        return Configs.of(SchedulerConfiguration.class, values);
    }

    @Test
    void eachFiringRunsOnOneHostOnlyAndAStoppedHostsWorkMovesToTheOther() throws Exception {
        SyncScheduler a = host("host-a");
        SyncScheduler b = host("host-b");
        List<Ran> ran = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stallNextOnA = new AtomicBoolean();
        AtomicReference<Ran> stalled = new AtomicReference<>();
        CountDownLatch aStalled = new CountDownLatch(1);
        List<String> schools = List.of("s1", "s2", "s3", "s4", "s5", "s6");
        for (String school : schools) {
            a.schedule(school, EVERY_TWO_SECONDS, firing -> {
                Ran r = new Ran(school, firing.scheduledFor(), "host-a", firing.recovering());
                if (stallNextOnA.compareAndSet(true, false)) {
                    // host A dies in the middle of this sync: it never finishes
                    stalled.set(r);
                    aStalled.countDown();
                    awaitQuietly(teardown);
                } else {
                    ran.add(r);
                }
            });
            b.schedule(school, EVERY_TWO_SECONDS, firing -> ran.add(new Ran(school, firing.scheduledFor(), "host-b",
                    firing.recovering())));
        }

        // a host that finds nothing to fire sleeps up to its idle wait (1 s here, 30 s in production) before it looks again
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> hosts(ran).size() == 2
                && schools.stream().allMatch(s -> count(ran, s) >= 4));

        stallNextOnA.set(true);
        assertThat(aStalled.await(30, TimeUnit.SECONDS)).as("host A began another sync").isTrue();
        a.stop();
        hosts.remove(a);
        Instant stopped = Instant.now();
        Ran lost = stalled.get();

        // host B takes the stopped host for dead, runs the sync it had begun, and then every school
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> ran.contains(new Ran(lost.school(), lost.firing(), "host-b", true)));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> schools.stream()
                .allMatch(s -> snapshot(ran).stream().filter(r -> r.school().equals(s) && r.firing().isAfter(stopped)).count() >= 3));
        b.stop();
        hosts.remove(b);

        List<Ran> all = snapshot(ran);
        Map<String, List<Ran>> perFiring = all.stream().collect(Collectors.groupingBy(r -> r.school() + " " + r.firing()));
        assertThat(perFiring.values()).as("every firing ran once, on one host").allMatch(runs -> runs.size() == 1);
        assertThat(all).filteredOn(r -> r.firing().isAfter(stopped)).as("after the stop").allMatch(r -> r.host().equals("host-b"));
        assertThat(all).filteredOn(Ran::recovering).as("only the sync host A had begun is run again")
                .containsExactly(new Ran(lost.school(), lost.firing(), "host-b", true));
        for (String school : schools) {
            List<Instant> firings = all.stream().filter(r -> r.school().equals(school)).map(Ran::firing).sorted().toList();
            for (int i = 1; i < firings.size(); i++) {
                assertThat(Duration.between(firings.get(i - 1), firings.get(i))).as("no firing of %s skipped: %s", school, firings)
                        .isEqualTo(Duration.ofSeconds(2));
            }
        }
    }

    @Test
    void aFiringOnAHostWithoutTheSchoolIsHandedBackAndThenRecordedAsFailed() throws Exception {
        SyncScheduler b = host("host-b");
        b.schedule("lonely", EVERY_TWO_SECONDS, firing -> {
            throw new AssertionError("the school left this host before it fired");
        });
        b.release("lonely");
        assertThat(b.nextRun("lonely")).as("the schedule stays in the cluster").isPresent();

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> directory.lastRun("lonely").isPresent());
        SyncRun run = directory.lastRun("lonely").orElseThrow();
        assertThat(run.outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(run.host()).isEqualTo("host-b");
        assertThat(run.scheduledFor()).isNotNull();
        assertThat(run.message()).contains("fired on host host-b, where school lonely is not configured")
                .contains("3 hand-backs").contains("same etc/");
    }

    @Test
    void aHostWithTheSameScheduleLeavesTheClustersTriggersAsTheyAreAndAChangeReplacesThem() throws Exception {
        SyncScheduler a = host("host-a");
        SyncScheduler b = host("host-b");
        a.schedule("greenfield", SyncSchedule.parse("06:00,18:00", LONDON), firing -> { });
        Map<String, Long> written = triggers("greenfield");
        assertThat(written).containsOnlyKeys("greenfield 0 0 6 * * ?", "greenfield 0 0 18 * * ?");

        b.schedule("greenfield", SyncSchedule.parse("18:00, 06:00", LONDON), firing -> { });
        assertThat(triggers("greenfield")).as("untouched, start times and all").isEqualTo(written);

        b.schedule("greenfield", SyncSchedule.parse("07:00", LONDON), firing -> { });
        assertThat(triggers("greenfield")).containsOnlyKeys("greenfield 0 0 7 * * ?");
        assertThat(a.nextRun("greenfield").orElseThrow().atZone(LONDON).getHour()).isEqualTo(7);
    }

    @Test
    void aSchoolDeletedOnOneHostIsWrittenBackByAHostThatStillHasItAndAStoppingHostLeavesIt() throws Exception {
        SyncScheduler a = host("host-a");
        SyncScheduler b = host("host-b");
        SyncSchedule daily = SyncSchedule.parse("06:00", LONDON);
        a.schedule("kept", daily, firing -> { });
        b.schedule("kept", daily, firing -> { });
        long written = triggers("kept").get("kept 0 0 6 * * ?");
        // Quartz keeps a cron trigger's start to the second: a rewrite must come in a later second to show
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> System.currentTimeMillis() / 1000 > written / 1000);

        b.unschedule("kept");
        // host A has the school still: within its next check it writes the schedule back, anew
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> triggers("kept").getOrDefault("kept 0 0 6 * * ?", written) > written);
        assertThat(b.nextRun("kept")).isPresent();

        a.release("kept");
        assertThat(b.nextRun("kept")).as("a host that stops leaves the school to the others").isPresent();
    }

    /**
     * Upgrading a cluster: a job written before scheduling left the sync bundle names the job class
     * org.misbridge.sync.internal.ScheduledSyncJob, and Quartz loads a stored job by that name. It
     * must still count as the same job (a host with the same schedule leaves it as it is) and fire.
     */
    @Test
    void aSchoolsJobStoredUnderTheJobClassNameOfOlderHostsIsKeptAndFires() throws Exception {
        SyncScheduler a = host("host-a");
        SyncSchedule daily = SyncSchedule.parse("06:00", LONDON);
        a.schedule("older", daily, firing -> { });
        try (Connection c = pg.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE QRTZ_JOB_DETAILS SET JOB_CLASS_NAME = ? WHERE JOB_NAME = ?")) {
            ps.setString(1, "org.misbridge.sync.internal.ScheduledSyncJob");
            ps.setString(2, "older");
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        Map<String, Long> written = triggers("older");
        a.stop();
        hosts.remove(a);

        SyncScheduler b = host("host-b");
        AtomicInteger fired = new AtomicInteger();
        b.schedule("older", daily, firing -> fired.incrementAndGet());
        assertThat(triggers("older")).as("the stored job and triggers are the school's, left as they are").isEqualTo(written);

        b.fireNow("older");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> fired.get() == 1);
    }

    @Test
    void aSecondLiveHostWithTheSameNodeIdIsRefused() throws Exception {
        host("twin");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> checkInsOf("twin") == 1);

        assertThatThrownBy(() -> host("twin")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another live host uses node id 'twin'").hasMessageContaining("nodeId");
    }

    @Test
    void theClusteredStoreNeedsPostgresAndAValidJobStoreAndNodeId() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcDirectory h2Directory = new JdbcDirectory(h2);
        h2Directory.migrate();
        assertThatThrownBy(() -> new SyncScheduler(config(Map.of("jobStore", "clustered", "nodeId", "n1")), h2, h2Directory, FAST))
                .hasMessageContaining("jobStore=clustered needs the directory on PostgreSQL").hasMessageContaining("H2");
        assertThatThrownBy(() -> new SyncScheduler(config(Map.of("jobStore", "ram")), h2, h2Directory, FAST))
                .hasMessageContaining("jobStore 'ram' is neither memory").hasMessageContaining("clustered");
        assertThatThrownBy(() -> new SyncScheduler(config(Map.of("jobStore", "clustered", "nodeId", "host one")),
                pg.dataSource(), directory, FAST)).hasMessageContaining("nodeId 'host one'");
    }

    @Test
    void syncsOfOneSchoolOnTwoHostsNeverOverlapAndEachRunNamesItsHost(@TempDir Path dir) throws Exception {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-g", 120, 21L), dir);
        OverlapCounter overlap = new OverlapCounter();
        SchoolSyncComponent onA = school(dir, overlap, host("host-a"));
        SchoolSyncComponent onB = school(dir, overlap, host("host-b"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<SyncRun>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                SchoolSyncComponent school = i % 2 == 0 ? onA : onB;
                runs.add(pool.submit(() -> {
                    go.await();
                    return school.syncNow(SyncOptions.normal());
                }));
            }
            go.countDown();
            Map<String, Integer> byHost = new HashMap<>();
            for (Future<SyncRun> run : runs) {
                SyncRun done = run.get(120, TimeUnit.SECONDS);
                assertThat(done.outcome()).isEqualTo(SyncOutcome.SUCCESS);
                assertThat(done.scheduledFor()).as("typed, not scheduled").isNull();
                byHost.merge(done.host(), 1, Integer::sum);
            }
            assertThat(overlap.peak.get()).as("reads of the school that overlapped, across both hosts").isEqualTo(1);
            assertThat(byHost).containsOnly(Map.entry("host-a", 4), Map.entry("host-b", 4));
            assertThat(directory.lastRun("greenfield").orElseThrow().host()).isIn("host-a", "host-b");
        } finally {
            pool.shutdownNow();
            onA.deactivate(org.osgi.service.component.ComponentConstants.DEACTIVATION_REASON_DISPOSED);
            onB.deactivate(org.osgi.service.component.ComponentConstants.DEACTIVATION_REASON_DISPOSED);
        }
    }

    private SchoolSyncComponent school(Path csv, OverlapCounter overlap, SyncScheduler host) {
        MisReader reader = new MisReader() {
            private final OneRosterCsvReader csvReader = new OneRosterCsvReader("greenfield", csv, null, Clock.systemUTC(),
                    Limits.defaults());

            @Override
            public String kind() {
                return "oneroster-csv";
            }

            @Override
            public Snapshot read() throws MisReadException {
                overlap.peak.accumulateAndGet(overlap.inside.incrementAndGet(), Math::max);
                try {
                    return csvReader.read();
                } finally {
                    overlap.inside.decrementAndGet();
                }
            }
        };
        // each host has its own store on its own DataSource, as separate machines would
        JdbcDirectory store = new JdbcDirectory(pg.dataSource());
        return new SchoolSyncComponent(SchoolHarness.config(Map.of("school_id", "greenfield", "schedule", "")),
                Map.entry(Map.of(SchoolProperties.SCHOOL_ID, "greenfield"), reader), store, store.preferences(),
                store.deletions(), host, new SchoolClaimsRegistry());
    }

    private static final class OverlapCounter {
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
    }

    /** The school's triggers in the cluster's tables, with their start times. */
    private Map<String, Long> triggers(String school) throws SQLException {
        try (Connection c = pg.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT TRIGGER_NAME, START_TIME FROM QRTZ_TRIGGERS WHERE JOB_NAME = ?")) {
            ps.setString(1, school);
            Map<String, Long> found = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getLong(2));
                }
            }
            return found;
        }
    }

    private int checkInsOf(String node) throws SQLException {
        try (Connection c = pg.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM QRTZ_SCHEDULER_STATE WHERE INSTANCE_NAME = ?")) {
            ps.setString(1, node);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static long count(List<Ran> ran, String school) {
        return snapshot(ran).stream().filter(r -> r.school().equals(school)).count();
    }

    private static List<String> hosts(List<Ran> ran) {
        return snapshot(ran).stream().map(Ran::host).distinct().toList();
    }

    private static List<Ran> snapshot(List<Ran> ran) {
        synchronized (ran) {
            return List.copyOf(ran);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
