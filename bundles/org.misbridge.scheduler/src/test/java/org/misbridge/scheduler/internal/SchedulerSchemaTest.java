package org.misbridge.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.misbridge.testkit.Configs;
import org.misbridge.testkit.PostgresSchema;

/**
 * The scheduler's own tables on real H2 and PostgreSQL: a new database gets them, a database that the
 * directory's old migration V9 gave them keeps them as they are, and hosts starting together on one
 * PostgreSQL database create them once.
 */
class SchedulerSchemaTest {

    private static final String OLD_V9 = "old-store-V9__cluster.sql";

    @Test
    void aNewH2DatabaseGetsTheTablesOnceAndRecordsTheVersion() throws SQLException {
        DataSource h2 = h2();
        assertThat(SchedulerSchema.ensure(h2)).isEqualTo(1);
        assertThat(SchedulerSchema.ensure(h2)).isEqualTo(1);
        assertEveryTableIsThere(h2);
        assertThat(versions(h2)).containsExactly("1 quartz job store");
    }

    @Test
    void aNewPostgresDatabaseGetsTheTablesOnceAndRecordsTheVersion() throws SQLException {
        try (PostgresSchema pg = PostgresSchema.fresh("misbridge_sched_new")) {
            assertThat(SchedulerSchema.ensure(pg.dataSource())).isEqualTo(1);
            assertThat(SchedulerSchema.ensure(pg.dataSource())).isEqualTo(1);
            assertEveryTableIsThere(pg.dataSource());
            assertThat(versions(pg.dataSource())).containsExactly("1 quartz job store");
        }
    }

    @Test
    void aPostgresDatabaseMigratedByTheOldV9KeepsItsTablesAndRows() throws SQLException {
        try (PostgresSchema pg = PostgresSchema.fresh("misbridge_sched_v9")) {
            oldV9(pg.dataSource());
            assertThat(SchedulerSchema.ensure(pg.dataSource())).isEqualTo(1);
            assertEveryTableIsThere(pg.dataSource());
            assertThat(locks(pg.dataSource())).containsExactly("misbridge TRIGGER_ACCESS");
            assertThat(versions(pg.dataSource())).singleElement().asString().startsWith("1 ").contains("old migration V9");
        }
    }

    @Test
    void anH2DatabaseMigratedByTheOldV9KeepsItsTablesAndRows() throws SQLException {
        DataSource h2 = h2();
        oldV9(h2);
        assertThat(SchedulerSchema.ensure(h2)).isEqualTo(1);
        assertThat(locks(h2)).containsExactly("misbridge TRIGGER_ACCESS");
        assertThat(versions(h2)).singleElement().asString().contains("old migration V9");
    }

    @Test
    void hostsStartingTogetherOnOnePostgresDatabaseCreateTheTablesOnce() throws Exception {
        try (PostgresSchema pg = PostgresSchema.fresh("misbridge_sched_race")) {
            int hosts = 4;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(hosts);
            try {
                List<Future<Integer>> started = new ArrayList<>();
                for (int i = 0; i < hosts; i++) {
                    DataSource own = pg.dataSource(); // each host has its own DataSource
                    Callable<Integer> host = () -> {
                        go.await();
                        return SchedulerSchema.ensure(own);
                    };
                    started.add(pool.submit(host));
                }
                go.countDown();
                for (Future<Integer> host : started) {
                    assertThat(host.get(60, TimeUnit.SECONDS)).isEqualTo(1);
                }
            } finally {
                pool.shutdownNow();
            }
            assertEveryTableIsThere(pg.dataSource());
            assertThat(versions(pg.dataSource())).containsExactly("1 quartz job store");
        }
    }

    @Test
    void twoClusteredSchedulersStartingTogetherOnANewPostgresDatabaseBothRun() throws Exception {
        try (PostgresSchema pg = PostgresSchema.fresh("misbridge_sched_hosts")) {
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<SyncScheduler> schedulers = new ArrayList<>();
            try {
                List<Future<SyncScheduler>> started = new ArrayList<>();
                for (String node : List.of("race-a", "race-b")) {
                    DataSource own = pg.dataSource();
                    started.add(pool.submit(() -> {
                        go.await();
                        return new SyncScheduler(Configs.of(SchedulerConfiguration.class, Map.of("jobStore", "clustered",
                                "nodeId", node, "clusterCheckinSeconds", 1)), own, null, SyncScheduler.Timing.DEFAULT);
                    }));
                }
                go.countDown();
                for (Future<SyncScheduler> host : started) {
                    schedulers.add(host.get(60, TimeUnit.SECONDS));
                }
                assertThat(schedulers).extracting(SyncScheduler::nodeId).containsExactly("race-a", "race-b");
            } finally {
                for (SyncScheduler scheduler : schedulers) {
                    scheduler.stop();
                }
                pool.shutdownNow();
            }
            assertThat(versions(pg.dataSource())).containsExactly("1 quartz job store");
        }
    }

    private static DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    /** Quartz's tables as the directory's migration V9 made them (its two sync-run columns are the directory's), with a row Quartz wrote. */
    private static void oldV9(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String sql : SchedulerSchema.statements(OLD_V9)) {
                if (sql.startsWith("CREATE")) {
                    st.execute(sql);
                }
            }
            st.executeUpdate("INSERT INTO QRTZ_LOCKS (SCHED_NAME, LOCK_NAME) VALUES ('misbridge', 'TRIGGER_ACCESS')");
        }
    }

    private static void assertEveryTableIsThere(DataSource dataSource) throws SQLException {
        assertThat(SchedulerSchema.TABLES).hasSize(11);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String table : SchedulerSchema.TABLES) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    assertThat(rs.next()).as(table).isTrue();
                }
            }
        }
    }

    private static List<String> locks(DataSource dataSource) throws SQLException {
        return rows(dataSource, "SELECT SCHED_NAME, LOCK_NAME FROM QRTZ_LOCKS ORDER BY LOCK_NAME");
    }

    private static List<String> versions(DataSource dataSource) throws SQLException {
        return rows(dataSource, "SELECT version, description FROM " + SchedulerSchema.VERSION_TABLE + " ORDER BY version");
    }

    private static List<String> rows(DataSource dataSource, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return rows;
    }
}
