package org.misbridge.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * The one rule for tests that need PostgreSQL: where it is missing the test is skipped with the
 * reason, unless {@code CI=true} or {@code -Dmisbridge.pg.required=true}, where a missing PostgreSQL
 * must fail the build instead of silently skipping. The shared server is
 * {@code misbridge.pg.host}:{@code misbridge.pg.port}/{@code misbridge.pg.database} as
 * {@code misbridge.pg.user} (default 127.0.0.1:5432/test as postgres).
 */
public final class PostgresOrSkip {

    private PostgresOrSkip() {
    }

    /** Whether a missing PostgreSQL fails the test ({@code CI=true} or {@code misbridge.pg.required=true}). */
    public static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || Boolean.getBoolean("misbridge.pg.required");
    }

    /**
     * Fails (when {@link #required()}) or skips the running test, naming why. Never returns; declared
     * to return so that a caller can write {@code throw PostgresOrSkip.skipOrFail(...)}.
     */
    public static AssertionError skipOrFail(String why, @Nullable Throwable cause) {
        if (required()) {
            throw new AssertionError(why + " — required because CI=true or misbridge.pg.required=true", cause);
        }
        Assumptions.abort(why);
        throw new AssertionError(why); // not reached: abort throws
    }

    /**
     * For a test that leaves out one stage rather than the whole test: fails (when {@link #required()})
     * or returns the reason, for the test to report as skipped.
     */
    public static String skipStageOrFail(String why) {
        if (required()) {
            throw new AssertionError(why + " — required because CI=true or misbridge.pg.required=true");
        }
        return why;
    }

    /** Whether the shared server answers as {@link #user()} within five seconds. */
    public static boolean reachable() {
        try (Connection c = DriverManager.getConnection(url(), user(), null)) {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    /** The reason a test gives when the shared server does not answer. */
    public static String unreachable(@Nullable SQLException e) {
        return "PostgreSQL is not reachable at " + url() + " as " + user()
                + " (set -Dmisbridge.pg.host/-Dmisbridge.pg.port/-Dmisbridge.pg.database/-Dmisbridge.pg.user)"
                + (e == null ? "" : ": " + e.getMessage());
    }

    public static String host() {
        return System.getProperty("misbridge.pg.host", "127.0.0.1");
    }

    public static int port() {
        return Integer.getInteger("misbridge.pg.port", 5432);
    }

    public static String database() {
        return System.getProperty("misbridge.pg.database", "test");
    }

    public static String user() {
        return System.getProperty("misbridge.pg.user", "postgres");
    }

    /** {@code jdbc:postgresql://host:port/} without a database. */
    public static String serverUrl() {
        return "jdbc:postgresql://" + host() + ":" + port() + "/";
    }

    /** The JDBC URL of the shared test database. */
    public static String url() {
        return serverUrl() + database();
    }
}
