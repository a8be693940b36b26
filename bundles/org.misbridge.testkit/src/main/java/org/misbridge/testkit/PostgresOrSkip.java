package org.misbridge.testkit;

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
