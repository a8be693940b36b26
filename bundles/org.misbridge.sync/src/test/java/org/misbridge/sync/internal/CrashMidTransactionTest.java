package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.spi.MisReader;
import org.misbridge.mis.oneroster.internal.Limits;
import org.misbridge.mis.oneroster.internal.OneRosterCsvReader;
import org.misbridge.store.jdbc.internal.JdbcDirectory;
import org.misbridge.sync.plan.DeletionThreshold;
import org.misbridge.sync.plan.ImportSettings;
import org.misbridge.testkit.PostgresSchema;
import org.misbridge.testkit.SchoolGenerator;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Rule 14: a sync interrupted mid-transaction leaves the directory exactly as it was. A second JVM
 * runs the sync and stops after its first batch is written; this test then kills that JVM
 * (H2 and PostgreSQL) or drops its connection (PostgreSQL), and compares the directory with before.
 */
class CrashMidTransactionTest {

    private static final String SCHOOL = "crash";

    private final List<Postgres> schemas = new ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void dropSchemas() throws SQLException {
        for (Postgres pg : schemas) {
            pg.drop();
        }
    }

    private Postgres postgres() throws SQLException {
        Postgres pg = Postgres.freshSchema();
        schemas.add(pg);
        return pg;
    }

    @Test
    void killingTheJvmMidTransactionOnH2LeavesThePreviousState(@TempDir Path dir) throws Exception {
        // as the assembly configures it: a commit is on disk before the sync reports success
        String url = "jdbc:h2:file:" + dir.resolve("db").resolve("directory").toAbsolutePath() + ";WRITE_DELAY=0";
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        Path csv = schoolWithADayOfChangesPending(dir, ds);
        DirectoryState before = new JdbcDirectory(ds).load(SCHOOL);
        SyncRun lastBefore = new JdbcDirectory(ds).lastRun(SCHOOL).orElseThrow();

        Child child = Child.start(List.of("h2", url, SCHOOL, csv.toString()));
        child.awaitMidTransaction();
        child.kill();

        assertUnchangedAndUsable(ds, csv, before, lastBefore);
    }

    @Test
    void killingTheJvmMidTransactionOnPostgresLeavesThePreviousState(@TempDir Path dir) throws Exception {
        Postgres pg = postgres();
        Path csv = schoolWithADayOfChangesPending(dir, pg.dataSource);
        DirectoryState before = new JdbcDirectory(pg.dataSource).load(SCHOOL);
        SyncRun lastBefore = new JdbcDirectory(pg.dataSource).lastRun(SCHOOL).orElseThrow();

        Child child = Child.start(pg.childArguments("misbridge-crash-kill", csv));
        child.awaitMidTransaction();
        child.kill();

        assertUnchangedAndUsable(pg.dataSource, csv, before, lastBefore);
    }

    @Test
    void droppingTheConnectionMidTransactionOnPostgresFailsTheRunAndLeavesThePreviousState(@TempDir Path dir)
            throws Exception {
        Postgres pg = postgres();
        Path csv = schoolWithADayOfChangesPending(dir, pg.dataSource);
        JdbcDirectory directory = new JdbcDirectory(pg.dataSource);
        DirectoryState before = directory.load(SCHOOL);
        SyncRun goodBefore = directory.lastGoodRun(SCHOOL).orElseThrow();
        String app = "misbridge-crash-drop-" + UUID.randomUUID().toString().substring(0, 8);

        Child child = Child.start(pg.childArguments(app, csv));
        child.awaitMidTransaction();
        int dropped = pg.terminate(app);
        child.goOn();
        String outcome = child.awaitOutcome();

        assertThat(dropped).isEqualTo(1);
        assertThat(outcome).startsWith("FAILED");
        assertThat(directory.load(SCHOOL)).isEqualTo(before);
        assertThat(directory.lastRun(SCHOOL).orElseThrow().outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(directory.lastGoodRun(SCHOOL)).contains(goodBefore);
    }

    /** Imports a school into the store, then changes every parent's email in the MIS files. */
    private static Path schoolWithADayOfChangesPending(Path dir, DataSource ds) throws IOException {
        Path csv = dir.resolve("oneroster");
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-crash", 1500, 21L), csv);
        JdbcDirectory directory = new JdbcDirectory(ds);
        directory.migrate();
        assertThat(runner(directory, csv).run().outcome()).isEqualTo(SyncOutcome.SUCCESS);
        Path users = csv.resolve("users.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(users, StandardCharsets.UTF_8));
        for (int i = 1; i < lines.size(); i++) {
            String[] cols = lines.get(i).split(",", -1);
            if ("parent".equals(cols[5]) || "guardian".equals(cols[5])) {
                cols[12] = "changed." + cols[12];
                lines.set(i, String.join(",", cols));
            }
        }
        Files.write(users, lines, StandardCharsets.UTF_8);
        return csv;
    }

    private static SyncRunner runner(JdbcDirectory directory, Path csv) {
        MisReader reader = new OneRosterCsvReader(SCHOOL, csv, null, Clock.systemUTC(), Limits.defaults());
        return new SyncRunner(SCHOOL, reader, directory, directory.preferences(), directory.deletions(), RunnerSettings.of(ImportSettings.defaults(), DeletionThreshold.defaults(),
                ZoneId.of("Europe/London"), Clock.systemUTC()));
    }

    /** The directory equals the state before, and the same sync then goes through in full. */
    private static void assertUnchangedAndUsable(DataSource ds, Path csv, DirectoryState before, SyncRun lastBefore) {
        JdbcDirectory directory = new JdbcDirectory(ds);
        assertThat(directory.load(SCHOOL)).isEqualTo(before);
        assertThat(directory.lastRun(SCHOOL)).contains(lastBefore);

        SyncRun after = runner(directory, csv).run(new SyncOptions(false, true));
        assertThat(after.outcome()).as(after.message()).isEqualTo(SyncOutcome.SUCCESS);
        assertThat(directory.load(SCHOOL).details()).anyMatch(d -> d.value().startsWith("changed."));
    }

    /** The second JVM and its output, line by line. */
    private static final class Child {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();

        private Child(Process process) {
            this.process = process;
            Thread pump = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("pump failed: " + e);
                }
            }, "crash-child-output");
            pump.setDaemon(true);
            pump.start();
        }

        static Child start(List<String> arguments) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(CrashChild.class.getName());
            command.addAll(arguments);
            return new Child(new ProcessBuilder(command).redirectErrorStream(true).start());
        }

        void awaitMidTransaction() throws InterruptedException {
            awaitLine(CrashChild.PAUSED);
        }

        String awaitOutcome() throws InterruptedException {
            return awaitLine(CrashChild.OUTCOME).substring(CrashChild.OUTCOME.length());
        }

        private String awaitLine(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null) {
                    seen.add(line);
                    if (line.startsWith(prefix)) {
                        return line;
                    }
                } else if (!process.isAlive() && lines.isEmpty()) {
                    break;
                }
            }
            process.destroyForcibly();
            return fail("the child JVM never printed '" + prefix + "'; its output was:\n" + String.join("\n", seen));
        }

        void goOn() throws IOException {
            Writer w = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            w.write("go\n");
            w.flush();
        }

        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL: no shutdown hooks, no rollback from the JVM
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** A fresh schema on the shared test PostgreSQL ({@link PostgresSchema}: skipped where absent unless CI requires it). */
    private static final class Postgres {
        final PGSimpleDataSource dataSource;
        private final PostgresSchema schema;

        private Postgres(PostgresSchema schema) {
            this.schema = schema;
            this.dataSource = schema.dataSource();
        }

        static Postgres freshSchema() throws SQLException {
            return new Postgres(PostgresSchema.fresh("misbridge_crash"));
        }

        void drop() throws SQLException {
            schema.close();
        }

        List<String> childArguments(String applicationName, Path csv) {
            return List.of("pg", schema.url(), schema.user(), schema.name(), applicationName, SCHOOL, csv.toString());
        }

        /** Drops the connections of one application, as a failover or a network cut would. */
        int terminate(String applicationName) throws SQLException {
            try (Connection c = dataSource.getConnection();
                    java.sql.PreparedStatement ps = c.prepareStatement(
                            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?")) {
                ps.setString(1, applicationName);
                int n = 0;
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        n += rs.getBoolean(1) ? 1 : 0;
                    }
                }
                return n;
            }
        }
    }
}
