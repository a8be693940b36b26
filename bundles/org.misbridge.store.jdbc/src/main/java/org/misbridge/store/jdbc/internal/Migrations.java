package org.misbridge.store.jdbc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tiny versioned-migration runner: applies the missing {@code V<n>__<description>.sql} resources in
 * order, one transaction each, and records them in {@code misbridge_schema_version}. A migration that
 * needs Java rather than SQL (V10 rewrites stored mobiles with the sync's own canonicaliser) is a
 * {@link Step} run in that same transaction, under the same lock.
 */
final class Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    static final String VERSION_TABLE = "misbridge_schema_version";

    /** The migrations, in order; resources live under {@code /org/misbridge/store/jdbc/migrations/}. */
    static final List<Migration> ALL = List.of(new Migration(1, "directory"), new Migration(2, "opt_outs"), new Migration(3, "delivery_feedback"),
            new Migration(4, "outbox"), new Migration(5, "audit"),
            new Migration(6, "deletion"), new Migration(7, "lifecycle"),
            new Migration(10, "canonical_mobiles", CanonicalMobiles::apply), new Migration(11, "family_digests"),
            new Migration(12, "sync_run_host"), new Migration(13, "change_log"), new Migration(14, "sync_token"));

    /**
     * The schema version once every migration is applied (numbers may skip: each owner has its own).
     * V9 (Quartz's tables and two sync-run columns) is no longer listed: the scheduler bundle creates
     * Quartz's tables itself, and V12 adds the columns where V9 did not.
     */
    static int latest() {
        return ALL.get(ALL.size() - 1).version();
    }

    /** Any fixed number will do: it only has to be the same on every host sharing the database. */
    private static final long ADVISORY_LOCK_KEY = 0x6d69736272696467L; // "misbridg"

    private static final Pattern STATEMENT_END = Pattern.compile(";\\s*$", Pattern.MULTILINE);

    private final DataSource dataSource;

    Migrations(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** A migration written in Java, run on the migration's connection inside its transaction. */
    @FunctionalInterface
    interface Step {
        void apply(Connection c) throws SQLException;
    }

    /** One migration: its version, the description in its resource name, and its Java step if it is one. */
    record Migration(int version, String description, @Nullable Step step) {
        Migration(int version, String description) {
            this(version, description, null);
        }

        String resource() {
            return "/org/misbridge/store/jdbc/migrations/V" + version + "__" + description + ".sql";
        }
    }

    /** Applies every missing migration and returns the schema version afterwards. */
    int migrate() {
        for (Migration migration : ALL) {
            applyIfMissing(migration);
        }
        return currentVersion();
    }

    int currentVersion() {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT MAX(version) FROM " + VERSION_TABLE)) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new DirectoryException("reading the schema version from " + VERSION_TABLE + " failed", e);
        }
    }

    private void applyIfMissing(Migration migration) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                boolean postgres = isPostgres(c);
                if (postgres) {
                    // held until commit or rollback: a second host waits here, then sees the version applied
                    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                        ps.setLong(1, ADVISORY_LOCK_KEY);
                        ps.execute();
                    }
                }
                try {
                    createVersionTable(c);
                    if (isApplied(c, migration.version())) {
                        c.rollback();
                        return;
                    }
                    LOG.info("applying directory schema migration V{} ({})", migration.version(), migration.description());
                    if (migration.step() != null) {
                        migration.step().apply(c);
                    } else {
                        try (Statement st = c.createStatement()) {
                            for (String sql : statements(migration)) {
                                st.execute(sql);
                            }
                        }
                    }
                    recordVersion(c, migration);
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    // without a lock (H2) another host may have won the race: then its work is ours
                    if (!postgres && appliedElsewhere(c, migration.version())) {
                        LOG.debug("migration V{} was applied concurrently by another host", migration.version());
                        return;
                    }
                    throw e;
                }
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new DirectoryException("applying schema migration V" + migration.version() + " ("
                    + migration.description() + ") failed: " + e.getMessage(), e);
        }
    }

    static boolean isPostgres(Connection c) throws SQLException {
        return "PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName());
    }

    private static void createVersionTable(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + VERSION_TABLE + " ("
                    + "version INTEGER NOT NULL PRIMARY KEY, "
                    + "description VARCHAR(200) NOT NULL, "
                    + "applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        }
    }

    private static boolean isApplied(Connection c, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + VERSION_TABLE + " WHERE version = ?")) {
            ps.setInt(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean appliedElsewhere(Connection c, int version) {
        try {
            boolean applied = isApplied(c, version);
            c.rollback();
            return applied;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void recordVersion(Connection c, Migration migration) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO " + VERSION_TABLE + " (version, description, applied_at) VALUES (?, ?, ?)")) {
            ps.setInt(1, migration.version());
            ps.setString(2, migration.description());
            ps.setObject(3, Instant.now().atOffset(ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    static List<String> statements(Migration migration) {
        String script;
        try (InputStream in = Migrations.class.getResourceAsStream(migration.resource())) {
            if (in == null) {
                throw new DirectoryException("migration resource " + migration.resource() + " is missing from the bundle");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DirectoryException("reading migration resource " + migration.resource() + " failed", e);
        }
        List<String> statements = new ArrayList<>();
        for (String chunk : STATEMENT_END.split(script)) {
            String sql = stripComments(chunk).strip();
            if (!sql.isEmpty()) {
                statements.add(sql);
            }
        }
        return statements;
    }

    private static String stripComments(String chunk) {
        StringBuilder sb = new StringBuilder();
        for (String line : chunk.split("\\R")) {
            if (!line.strip().startsWith("--")) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }
}
