package org.misbridge.benchmarks.host;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.store.jdbc.internal.JdbcDirectory;
import org.misbridge.testkit.KarafHost;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The host's directory database seen from outside the host: its embedded H2 file (read only while
 * the host is down, as H2 locks it), or a PostgreSQL database of the run's own on the shared server.
 */
final class HostStore implements AutoCloseable {

    /** A sync run as dir_sync_run holds it. */
    /** @param rowsRead the rows the run read from the MIS; -1 where the run recorded none */
    record Run(String schoolId, long runNo, Instant startedAt, Instant finishedAt, String outcome, int created,
            int updated, int removed, long rowsRead) {
    }

    private final String kind;
    private final DataSource dataSource;
    private final String database;

    private HostStore(String kind, DataSource dataSource, String database) {
        this.kind = kind;
        this.dataSource = dataSource;
        this.database = database;
    }

    /** {@code h2}: the host's own file under data/; {@code pg}: a new database on 127.0.0.1:5432, set in the host's etc/. */
    static HostStore of(String kind, KarafHost host) throws Exception {
        if (kind.equals("h2")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:" + host.home().resolve("data/misbridge/directory").toAbsolutePath());
            return new HostStore(kind, h2, null);
        }
        if (!kind.equals("pg")) {
            throw new IllegalArgumentException("store is h2 or pg, not " + kind);
        }
        String database = "misbridge_host_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
        PGSimpleDataSource admin = pg("postgres");
        try (Connection c = admin.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        }
        String url = "jdbc:postgresql://" + System.getProperty("bench.pg.host", "127.0.0.1") + ":"
                + System.getProperty("bench.pg.port", "5432") + "/" + database;
        host.dropConfigs(java.util.Map.of("org.ops4j.datasource-misbridge.cfg", String.join("\n",
                "dataSourceName=misbridge", "osgi.jdbc.driver.class=org.postgresql.Driver", "url=" + url,
                "user=" + System.getProperty("bench.pg.user", "postgres"), "pool=hikari", "xa=false",
                "hikari.maximumPoolSize=8", "hikari.minimumIdle=1", "hikari.poolName=misbridge", "")));
        return new HostStore(kind, pg(database), database);
    }

    private static PGSimpleDataSource pg(String database) {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL("jdbc:postgresql://" + System.getProperty("bench.pg.host", "127.0.0.1") + ":"
                + System.getProperty("bench.pg.port", "5432") + "/" + database);
        pg.setUser(System.getProperty("bench.pg.user", "postgres"));
        return pg;
    }

    String kind() {
        return kind;
    }

    JdbcDirectory directory() {
        return new JdbcDirectory(dataSource);
    }

    /** Everything the directory holds of the school. */
    DirectoryState load(String schoolId) {
        try {
            return directory().load(schoolId);
        } finally {
            release();
        }
    }

    /** The school's deletion queue. */
    List<String> deletionQueue(String schoolId) {
        try {
            return directory().deletions().deletionQueue(schoolId);
        } finally {
            release();
        }
    }

    /** Closes the H2 file so that the host can open it again (H2 allows one process at a time). */
    private void release() {
        if (kind.equals("h2")) {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute("SHUTDOWN");
            } catch (SQLException e) {
                throw new IllegalStateException("closing the host's H2 file failed: " + e.getMessage(), e);
            }
        }
    }

    /** Row counts and a SHA-256 of every row of the school's directory, in the store's order. */
    static String describe(DirectoryState state) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(state.toString().getBytes(StandardCharsets.UTF_8));
            return String.format("%d members, %d people, %d links, %d details, %d groups, %d memberships, sha256 %s",
                    state.members().size(), state.people().size(), state.links().size(), state.details().size(),
                    state.groups().size(), state.memberships().size(), HexFormat.of().formatHex(digest).substring(0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every sync run of the host, oldest first per school. */
    List<Run> runs() throws SQLException {
        List<Run> runs = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT school_id, run_no, started_at, finished_at, outcome, created, updated, removed, rows_read"
                        + " FROM dir_sync_run"
                        + " ORDER BY school_id, run_no");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                runs.add(new Run(rs.getString(1), rs.getLong(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5), rs.getInt(6), rs.getInt(7),
                        rs.getInt(8), rs.getObject(9) == null ? -1 : rs.getLong(9)));
            }
        } finally {
            release();
        }
        return runs;
    }

    /** How many schools have a run recorded that started at or after {@code from} (PostgreSQL only: H2 is locked by the host). */
    int schoolsStartedSince(Instant from) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(DISTINCT school_id) FROM dir_sync_run WHERE started_at >= ?")) {
            ps.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        if (database != null) {
            try (Connection c = pg("postgres").getConnection(); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }
}
