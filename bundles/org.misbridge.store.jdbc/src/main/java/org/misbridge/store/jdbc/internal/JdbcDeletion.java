package org.misbridge.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The deletion queue and the record of deleted members, on a connection whose transaction the caller owns. */
final class JdbcDeletion {

    private JdbcDeletion() {
    }

    /** Queues the ids not queued yet; returns how many. */
    static int queue(Connection c, String school, List<String> memberIds, String actor) throws SQLException {
        Set<String> already = new HashSet<>(queued(c, school));
        int added = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO dir_delete_queue (school_id, member_id, queued_at,"
                + " queued_by) VALUES (?, ?, ?, ?)")) {
            for (String id : new LinkedHashSet<>(memberIds)) {
                if (already.add(id)) {
                    ps.setString(1, school);
                    ps.setString(2, id);
                    ps.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
                    ps.setString(4, JdbcAudit.clip(actor, 128));
                    ps.addBatch();
                    added++;
                }
            }
            ps.executeBatch();
        }
        return added;
    }

    static List<String> queued(Connection c, String school) throws SQLException {
        return ids(c, "SELECT member_id FROM dir_delete_queue WHERE school_id = ? ORDER BY queued_at, member_id", school);
    }

    static Set<String> deleted(Connection c, String school) throws SQLException {
        return new HashSet<>(ids(c, "SELECT member_id FROM dir_deleted_member WHERE school_id = ?", school));
    }

    /** Takes {@code dequeued} off the queue and remembers {@code removed} as deleted. */
    static void done(Connection c, String school, List<String> dequeued, List<String> removed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM dir_delete_queue WHERE school_id = ? AND member_id = ?")) {
            for (String id : dequeued) {
                ps.setString(1, school);
                ps.setString(2, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        Set<String> known = deleted(c, school);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO dir_deleted_member (school_id, member_id, deleted_at) VALUES (?, ?, ?)")) {
            for (String id : removed) {
                if (known.add(id)) {
                    ps.setString(1, school);
                    ps.setString(2, id);
                    ps.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    /** The first column of a query on one school, as strings. */
    static List<String> ids(Connection c, String sql, String school) throws SQLException {
        return DirectoryTables.strings(c, sql, school);
    }
}
