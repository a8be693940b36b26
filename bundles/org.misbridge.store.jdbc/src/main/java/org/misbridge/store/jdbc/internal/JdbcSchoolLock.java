package org.misbridge.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A school's lock held in PostgreSQL for as long as a sync or an edit of the school takes, so hosts
 * sharing the database never overlap on one school (a typed {@code school:sync} on one host and a
 * scheduled one on another). It is a session advisory lock on a connection of its own, released when
 * the work ends or, should the host die, when PostgreSQL sees the connection close.
 */
final class JdbcSchoolLock {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSchoolLock.class);

    /**
     * The first half of the two-key advisory lock ("mb" "sy"). Two-key locks live in another space
     * than the one-key transaction lock each write takes, so the two can never meet as one lock.
     */
    static final int LOCK_SPACE = 0x6d627379;

    private final DataSource dataSource;

    JdbcSchoolLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    <T> T holding(String school, Supplier<T> work) {
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw new DirectoryException("taking the lock of school " + school + " failed: " + e.getMessage(), e);
        }
        try {
            if (!Migrations.isPostgres(c)) {
                // an embedded database has one host: its own lock is the school's lock
                close(c);
                return work.get();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(?, hashtext(?))")) {
                ps.setInt(1, LOCK_SPACE);
                ps.setString(2, school);
                ps.execute();
            }
        } catch (SQLException e) {
            close(c);
            throw new DirectoryException("taking the lock of school " + school + " failed: " + e.getMessage(), e);
        }
        try {
            return work.get();
        } finally {
            release(c, school);
        }
    }

    private static void release(Connection c, String school) {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?, hashtext(?))")) {
            ps.setInt(1, LOCK_SPACE);
            ps.setString(2, school);
            ps.execute();
            c.close();
        } catch (SQLException e) {
            // a pooled connection must not go back to the pool still holding the lock: end it
            LOG.warn("Releasing the lock of school {} failed; closing its connection for good", school, e);
            try {
                c.abort(Runnable::run);
            } catch (SQLException | RuntimeException abortFailed) {
                LOG.warn("Aborting the connection that held the lock of school {} failed", school, abortFailed);
            }
        }
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing a connection failed", e);
        }
    }
}
