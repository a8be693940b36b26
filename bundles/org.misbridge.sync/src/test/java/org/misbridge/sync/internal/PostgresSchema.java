package org.misbridge.sync.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh schema on the PostgreSQL the store tests use (127.0.0.1:5432/test as postgres, or the
 * misbridge.pg.* properties), dropped afterwards. Skipped where PostgreSQL is absent, unless
 * {@code CI=true} or {@code -Dmisbridge.pg.required=true}: then the test fails.
 */
final class PostgresSchema implements AutoCloseable {

    final String name;
    private final String url;
    private final String user;

    private PostgresSchema(String url, String user, String name) {
        this.url = url;
        this.user = user;
        this.name = name;
    }

    static PostgresSchema fresh(String prefix) throws SQLException {
        String url = "jdbc:postgresql://" + System.getProperty("misbridge.pg.host", "127.0.0.1") + ":"
                + Integer.getInteger("misbridge.pg.port", 5432) + "/" + System.getProperty("misbridge.pg.database", "test");
        String user = System.getProperty("misbridge.pg.user", "postgres");
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        PostgresSchema schema = new PostgresSchema(url, user, name);
        try (Connection c = schema.admin().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + name);
        } catch (SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI")) || Boolean.getBoolean("misbridge.pg.required")) {
                throw e;
            }
            Assumptions.abort("PostgreSQL is not reachable at " + url + ": " + e.getMessage());
        }
        return schema;
    }

    /** A DataSource in this schema; each call is a separate one, as each host has its own. */
    PGSimpleDataSource dataSource() {
        PGSimpleDataSource ds = admin();
        ds.setCurrentSchema(name);
        return ds;
    }

    private PGSimpleDataSource admin() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
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
            try (Connection c = admin().getConnection(); Statement st = c.createStatement()) {
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
