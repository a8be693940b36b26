package org.misbridge.scheduler.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses to start a clustered host whose node id a live host already uses. Quartz takes a node id's
 * old check-in row for its own earlier life and recovers its "failed" work, so two live hosts with
 * one id would each take the other's running syncs for dead ones.
 */
final class ClusterNodeGuard {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterNodeGuard.class);

    /** Beyond this, a check-in is old whatever the hosts' clocks say: no need to watch it. */
    private static final Duration CLEARLY_OLD = Duration.ofMinutes(1);

    private ClusterNodeGuard() {
    }

    /** A row of QRTZ_SCHEDULER_STATE: when the node last checked in and how often it does. */
    private record CheckIn(long at, long intervalMillis) {
    }

    /**
     * Returns once no other live host checks in as {@code nodeId}: at once if none ever did or its
     * last check-in is long past, else after watching the row for one check-in interval.
     *
     * @throws IllegalStateException when another host checked in under this id meanwhile
     */
    static void ensureNoLiveTwin(DataSource dataSource, String nodeId) {
        Optional<CheckIn> before = checkIn(dataSource, nodeId);
        if (before.isEmpty()) {
            return;
        }
        long age = System.currentTimeMillis() - before.get().at();
        if (age > before.get().intervalMillis() + CLEARLY_OLD.toMillis()) {
            return;
        }
        long watch = before.get().intervalMillis() + 2_000L;
        LOG.info("Node id {} checked in to the cluster {} ms ago: watching its check-ins for {} ms to be sure no other"
                + " live host uses it (a restart of this host looks the same)", nodeId, age, watch);
        try {
            Thread.sleep(watch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking that node id " + nodeId + " is free", e);
        }
        Optional<CheckIn> after = checkIn(dataSource, nodeId);
        if (after.isPresent() && after.get().at() != before.get().at()) {
            throw new IllegalStateException("another live host uses node id '" + nodeId + "' (it checked in to the cluster at "
                    + Instant.ofEpochMilli(after.get().at()) + "): give every host its own nodeId in"
                    + " etc/org.misbridge.sync.scheduler.cfg; this host's scheduler is not started");
        }
    }

    private static Optional<CheckIn> checkIn(DataSource dataSource, String nodeId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT LAST_CHECKIN_TIME, CHECKIN_INTERVAL FROM QRTZ_SCHEDULER_STATE"
                        + " WHERE SCHED_NAME = ? AND INSTANCE_NAME = ?")) {
            ps.setString(1, QuartzSetup.CLUSTER);
            ps.setString(2, nodeId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new CheckIn(rs.getLong(1), rs.getLong(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the cluster's check-ins failed (is the directory's schema at version 9?): "
                    + e.getMessage(), e);
        }
    }
}
