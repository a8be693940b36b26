package org.misbridge.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh schema on the shared test PostgreSQL ({@link PostgresOrSkip}), dropped by {@link #close()}.
 * It connects as {@code misbridge.pg.user} (default postgres), else as the OS user; where neither
 * can connect the test is skipped, or fails under {@link PostgresOrSkip#required()}.
 */
public final class PostgresSchema implements AutoCloseable {

    private final String user;
    private final String name;

    private PostgresSchema(String user, String name) {
        this.user = user;
        this.name = name;
    }

    /** Creates {@code <prefix>_<12 random hex>}, or skips/fails the test where PostgreSQL is not reachable. */
    public static PostgresSchema fresh(String prefix) throws SQLException {
        List<String> failures = new ArrayList<>();
        for (String user : List.of(PostgresOrSkip.user(), System.getProperty("user.name", "")).stream().distinct().toList()) {
            PGSimpleDataSource admin = admin(user);
            Connection c;
            try {
                c = admin.getConnection();
            } catch (SQLException e) {
                failures.add(user + ": " + e.getMessage());
                continue;
            }
            String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                    .toLowerCase(Locale.ROOT);
            try (c; Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA " + name);
            }
            return new PostgresSchema(user, name);
        }
        throw PostgresOrSkip.skipOrFail("PostgreSQL is not reachable at " + PostgresOrSkip.url()
                + " (set -Dmisbridge.pg.host/-Dmisbridge.pg.port/-Dmisbridge.pg.database/-Dmisbridge.pg.user): " + failures,
                null);
    }

    public String name() {
        return name;
    }

    public String user() {
        return user;
    }

    /** The JDBC URL of the database (the schema is set on the DataSource, not in the URL). */
    public String url() {
        return PostgresOrSkip.url();
    }

    /** A new DataSource in this schema; each call is a separate one, as each host has its own. */
    public PGSimpleDataSource dataSource() {
        return dataSource(name);
    }

    /** A new DataSource in another schema of the same database, as the same user. */
    public PGSimpleDataSource dataSource(String schema) {
        PGSimpleDataSource ds = admin(user);
        ds.setCurrentSchema(schema);
        return ds;
    }

    private static PGSimpleDataSource admin(String user) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {PostgresOrSkip.host()});
        ds.setPortNumbers(new int[] {PostgresOrSkip.port()});
        ds.setDatabaseName(PostgresOrSkip.database());
        ds.setUser(user);
        ds.setConnectTimeout(5);
        return ds;
    }

    /**
     * Drops the schema. A scheduler that was just stopped may still have a worker finishing its last
     * statement, and PostgreSQL then picks one side of the lock wait as a deadlock: drop again.
     */
    @Override
    public void close() throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = admin(user).getConnection(); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA " + name + " CASCADE");
                return;
            } catch (SQLException e) {
                if (!"40P01".equals(e.getSQLState()) || attempt == 5) {
                    throw e;
                }
            }
        }
    }
}
