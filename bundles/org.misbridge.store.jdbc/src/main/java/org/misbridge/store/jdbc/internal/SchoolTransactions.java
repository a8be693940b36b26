package org.misbridge.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * How the store touches a school's rows: reads on a plain connection, writes in one transaction
 * that either commits whole or rolls back, one writer per school at a time (a lock in this JVM, and
 * on PostgreSQL an advisory lock, so hosts sharing the database queue up too).
 */
final class SchoolTransactions {

    /** Work on a connection; for a write, inside the transaction the caller owns. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;
    private final Map<String, ReentrantLock> schoolLocks = new ConcurrentHashMap<>();

    SchoolTransactions(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** Runs a read of the school; {@code what} names it in the error. */
    <T> T read(String school, String what, Work<T> query) {
        try (Connection c = dataSource.getConnection()) {
            return query.run(c);
        } catch (SQLException e) {
            throw new DirectoryException(what + " of school " + school + " failed: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in one transaction of the school and returns its result. */
    <T> T write(String school, String operation, Work<T> work) {
        // writes of one school queue up in this JVM too (H2 has no advisory locks)
        ReentrantLock lock = schoolLocks.computeIfAbsent(school, k -> new ReentrantLock());
        lock.lock();
        try {
            return writeLocked(school, operation, work);
        } finally {
            lock.unlock();
        }
    }

    private <T> T writeLocked(String school, String operation, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                if (Migrations.isPostgres(c)) {
                    // two syncs of one school queue up rather than race for the next run number
                    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                        ps.setString(1, "misbridge.school:" + school);
                        ps.execute();
                    }
                }
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (DirectoryException | IllegalArgumentException | IllegalStateException e) {
            throw e;
        } catch (SQLException e) {
            throw new DirectoryException(operation + " for school " + school + " failed: " + e.getMessage(), e);
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
