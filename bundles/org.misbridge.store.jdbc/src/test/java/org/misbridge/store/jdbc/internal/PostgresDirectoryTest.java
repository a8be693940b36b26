package org.misbridge.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.misbridge.testkit.PostgresSchema;
import org.opentest4j.TestAbortedException;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory contract on PostgreSQL, in a fresh schema for the class. Skipped when PostgreSQL cannot
 * be reached, unless {@code CI=true} or {@code -Dmisbridge.pg.required=true}: then it fails.
 */
final class PostgresDirectoryTest extends DirectoryContractTest {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresDirectoryTest.class);

    private static PostgresSchema schema;
    private static PGSimpleDataSource dataSource;
    private static String unreachable = "PostgreSQL was not tried";

    @BeforeAll
    static void createSchema() throws SQLException {
        try {
            schema = PostgresSchema.fresh("misbridge_test");
        } catch (TestAbortedException e) {
            // each test is then reported skipped with this reason (a class-level abort shows as 0 tests)
            unreachable = e.getMessage();
            LOG.warn("skipping the PostgreSQL directory tests: {}", unreachable);
            return;
        }
        dataSource = schema.dataSource();
        LOG.info("running the directory contract on PostgreSQL {} in schema {} as {}", schema.url(), schema.name(),
                schema.user());
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void largeInsertsGoThroughCopyOnPostgres() throws Exception {
        // the contract's large create then exercises COPY here and batches on H2
        try (Connection c = dataSource().getConnection()) {
            assertThat(PgCopy.supports(c)).isTrue();
        }
        try (Connection c = new com.zaxxer.hikari.HikariDataSource(poolOf(dataSource)).getConnection()) {
            assertThat(PgCopy.supports(c)).as("behind the assembly's pool").isTrue();
        }
    }

    private static com.zaxxer.hikari.HikariConfig poolOf(javax.sql.DataSource ds) {
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setDataSource(ds);
        config.setMaximumPoolSize(1);
        return config;
    }

    @Test
    void twoHostsMigratingTogetherApplyEachVersionOnce() throws Exception {
        dataSource();
        String fresh = schema.name() + "_race";
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + fresh);
        }
        try {
            PGSimpleDataSource host = schema.dataSource(fresh);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> hosts = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    hosts.add(pool.submit(() -> {
                        start.await();
                        return new JdbcDirectory(host).migrate();
                    }));
                }
                start.countDown();
                for (Future<Integer> h : hosts) {
                    assertThat(h.get(30, TimeUnit.SECONDS)).isEqualTo(Migrations.latest());
                }
            } finally {
                pool.shutdownNow();
            }
            try (Connection c = host.getConnection(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM misbridge_schema_version")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(Migrations.ALL.size());
            }
        } finally {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA " + fresh + " CASCADE");
            }
        }
    }

    @Test
    void theSchoolLockKeepsASecondHostWaitingForThatSchoolOnly() throws Exception {
        dataSource();
        // two hosts: two stores, each with its own connections to the one database
        JdbcDirectory hostA = new JdbcDirectory(dataSource);
        JdbcDirectory hostB = new JdbcDirectory(dataSource);
        CountDownLatch aHolds = new CountDownLatch(1);
        CountDownLatch aMayFinish = new CountDownLatch(1);
        List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> a = pool.submit(() -> hostA.withSchoolLock(schoolA, () -> {
                aHolds.countDown();
                await(aMayFinish);
                order.add("a done");
                return null;
            }));
            assertThat(aHolds.await(10, TimeUnit.SECONDS)).isTrue();
            Future<?> b = pool.submit(() -> hostB.withSchoolLock(schoolA, () -> order.add("b ran")));

            // another school is not held up, and the same school waits for host A
            assertThat(hostB.withSchoolLock(schoolB, () -> "free")).isEqualTo("free");
            assertThat(waitedFor(b)).as("host B ran school A while host A held it").isTrue();
            aMayFinish.countDown();
            a.get(10, TimeUnit.SECONDS);
            b.get(10, TimeUnit.SECONDS);
            assertThat(order).containsExactly("a done", "b ran");
        } finally {
            aMayFinish.countDown();
            pool.shutdownNow();
        }
    }

    /** Whether the task is still waiting after a moment: the lock holds it. */
    private static boolean waitedFor(Future<?> task) throws Exception {
        try {
            task.get(2, TimeUnit.SECONDS);
            return false;
        } catch (java.util.concurrent.TimeoutException e) {
            return true;
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected DataSource dataSource() {
        if (dataSource == null) {
            Assumptions.abort(unreachable);
        }
        return dataSource;
    }
}
