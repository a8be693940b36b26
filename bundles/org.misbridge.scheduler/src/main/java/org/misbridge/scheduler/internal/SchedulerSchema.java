package org.misbridge.scheduler.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's own tables in the directory's database: Quartz's JDBC job store, created when
 * missing and recorded in the scheduler's own version table (the directory's migrations have theirs).
 * On PostgreSQL the work runs in one transaction under an advisory lock, so hosts starting together
 * create the tables once; on H2 a host that loses the race finds the version recorded and goes on.
 */
final class SchedulerSchema {

    private static final Logger LOG = LoggerFactory.getLogger(SchedulerSchema.class);

    static final String VERSION_TABLE = "misbridge_scheduler_schema_version";
    static final int VERSION = 1;
    /** The tables the schema holds; the directory's old migration V9 created the same ones. */
    static final List<String> TABLES = List.of("QRTZ_JOB_DETAILS", "QRTZ_TRIGGERS", "QRTZ_SIMPLE_TRIGGERS",
            "QRTZ_CRON_TRIGGERS", "QRTZ_SIMPROP_TRIGGERS", "QRTZ_BLOB_TRIGGERS", "QRTZ_CALENDARS",
            "QRTZ_PAUSED_TRIGGER_GRPS", "QRTZ_FIRED_TRIGGERS", "QRTZ_SCHEDULER_STATE", "QRTZ_LOCKS");

    private static final String RESOURCE = "scheduler-schema-v1.sql";
    /** Not the directory's migration key: the two owners never wait for each other. */
    private static final long ADVISORY_LOCK_KEY = 0x7174727a7363686dL; // "qtrzschm"
    private static final Pattern STATEMENT_END = Pattern.compile(";\\s*$", Pattern.MULTILINE);

    private SchedulerSchema() {
    }

    /** Creates the scheduler's tables unless the database has them; returns the scheduler's schema version. */
    static int ensure(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            boolean postgres = "PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName());
            try {
                if (postgres) {
                    // held until commit or rollback: a second host waits here, then finds the version recorded
                    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                        ps.setLong(1, ADVISORY_LOCK_KEY);
                        ps.execute();
                    }
                }
                createVersionTable(c);
                if (isRecorded(c)) {
                    c.rollback();
                    return VERSION;
                }
                String description;
                if (hasTable(c, "QRTZ_LOCKS")) {
                    // made by the directory's migration V9 before this bundle owned them: left as they are
                    description = "quartz job store (tables found, created by the directory's old migration V9)";
                    LOG.info("Quartz's tables are already in the directory's database; the scheduler records them as its schema"
                            + " version {} and leaves them as they are", VERSION);
                } else {
                    description = "quartz job store";
                    LOG.info("Creating Quartz's tables in the directory's database (scheduler schema version {})", VERSION);
                    try (Statement st = c.createStatement()) {
                        for (String sql : statements()) {
                            st.execute(sql);
                        }
                    }
                }
                record(c, description);
                c.commit();
                return VERSION;
            } catch (SQLException e) {
                c.rollback();
                // without a lock (H2) another host may have won the race: then its work is ours
                if (!postgres && recordedElsewhere(c)) {
                    LOG.debug("the scheduler's schema was created concurrently by another host");
                    return VERSION;
                }
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("creating the scheduler's tables (Quartz's job store, scheduler schema version "
                    + VERSION + ") failed: " + e.getMessage(), e);
        }
    }

    private static void createVersionTable(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + VERSION_TABLE + " ("
                    + "version INTEGER NOT NULL PRIMARY KEY, "
                    + "description VARCHAR(200) NOT NULL, "
                    + "applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        }
    }

    private static boolean isRecorded(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + VERSION_TABLE + " WHERE version = ?")) {
            ps.setInt(1, VERSION);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean recordedElsewhere(Connection c) {
        try {
            boolean recorded = isRecorded(c);
            c.rollback();
            return recorded;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Whether the connection's current schema has the table (PostgreSQL folds unquoted names to lower case, H2 to upper). */
    static boolean hasTable(Connection c, String table) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        for (String name : List.of(table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT))) {
            try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void record(Connection c, String description) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO " + VERSION_TABLE + " (version, description, applied_at) VALUES (?, ?, ?)")) {
            ps.setInt(1, VERSION);
            ps.setString(2, description);
            ps.setObject(3, Instant.now().atOffset(ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    static List<String> statements() {
        return statements(RESOURCE);
    }

    /** The statements of a script beside this class, without its comments. */
    static List<String> statements(String resource) {
        String script;
        try (InputStream in = SchedulerSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the scheduler's schema " + resource + " is missing from the bundle");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("reading the scheduler's schema " + resource + " failed", e);
        }
        List<String> statements = new ArrayList<>();
        for (String chunk : STATEMENT_END.split(script)) {
            StringBuilder sql = new StringBuilder();
            for (String line : chunk.split("\\R")) {
                if (!line.strip().startsWith("--")) {
                    sql.append(line).append('\n');
                }
            }
            if (!sql.toString().isBlank()) {
                statements.add(sql.toString().strip());
            }
        }
        return statements;
    }
}
