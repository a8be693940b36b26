package org.misbridge.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh database of a test's own on the shared test PostgreSQL ({@link PostgresOrSkip}), for a
 * host that is given a JDBC URL rather than a schema (a Karaf host's datasource); dropped, with any
 * session a killed host left behind, by {@link #close()}.
 */
public final class PostgresDatabase implements AutoCloseable {

    private final String name;

    private PostgresDatabase(String name) {
        this.name = name;
    }

    /**
     * Creates {@code <prefix>_<10 random hex>}; where PostgreSQL is not reachable the test is skipped,
     * or fails under {@link PostgresOrSkip#required()}.
     */
    public static PostgresDatabase create(String prefix) throws SQLException {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
        Connection admin;
        try {
            admin = DriverManager.getConnection(PostgresOrSkip.url(), PostgresOrSkip.user(), null);
        } catch (SQLException e) {
            throw PostgresOrSkip.skipOrFail(PostgresOrSkip.unreachable(e), e);
        }
        try (admin; Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return new PostgresDatabase(name);
    }

    public String name() {
        return name;
    }

    /** The JDBC URL a host's datasource is given. */
    public String url() {
        return PostgresOrSkip.serverUrl() + name;
    }

    public String user() {
        return PostgresOrSkip.user();
    }

    /** A connection to this database, as the host's user. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user(), null);
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(PostgresOrSkip.url(), PostgresOrSkip.user(), null);
                Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
