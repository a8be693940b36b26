package org.misbridge.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.lifecycle.ArchivedGroup;

/**
 * Year-end housekeeping on a connection whose transaction the caller owns: archiving last year's
 * custom groups, and re-pointing a merged duplicate's kept records at the member kept.
 */
final class JdbcYearEnd {

    private JdbcYearEnd() {
    }

    /** Custom (hand-made) groups created before the instant, with their members. */
    static List<ArchivedGroup> customGroupsBefore(Connection c, String school, Instant createdBefore) throws SQLException {
        Map<String, ArchivedGroup> groups = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name, created_at FROM dir_group WHERE school_id = ?"
                + " AND origin <> ? AND created_at < ? ORDER BY id")) {
            ps.setString(1, school);
            ps.setString(2, Origin.IMPORT.name());
            ps.setObject(3, createdBefore.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    groups.put(rs.getString(1), new ArchivedGroup(rs.getString(1), rs.getString(2),
                            rs.getObject(3, OffsetDateTime.class).toInstant(), null, null, List.of()));
                }
            }
        }
        List<ArchivedGroup> out = new ArrayList<>();
        for (ArchivedGroup g : groups.values()) {
            out.add(new ArchivedGroup(g.id(), g.name(), g.createdAt(), null, null, membersOf(c, school,
                    "SELECT member_id FROM dir_group_member WHERE school_id = ? AND group_id = ? ORDER BY member_id", g.id())));
        }
        return out;
    }

    static List<ArchivedGroup> archive(Connection c, String school, Instant createdBefore, String actor, Instant now)
            throws SQLException {
        List<ArchivedGroup> going = customGroupsBefore(c, school, createdBefore);
        List<ArchivedGroup> archived = new ArrayList<>();
        for (ArchivedGroup g : going) {
            long seq = DirectoryTables.nextNumber(c, "dir_archived_group", "seq", school, 1);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO dir_archived_group (school_id, seq, group_id, name,"
                    + " created_at, archived_at, archived_by) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, school);
                ps.setLong(2, seq);
                ps.setString(3, g.id());
                ps.setString(4, g.name());
                ps.setObject(5, g.createdAt().atOffset(ZoneOffset.UTC));
                ps.setObject(6, now.atOffset(ZoneOffset.UTC));
                ps.setString(7, JdbcAudit.clip(actor, 128));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO dir_archived_group_member (school_id, seq, member_id) VALUES (?, ?, ?)")) {
                for (String member : g.memberIds()) {
                    ps.setString(1, school);
                    ps.setLong(2, seq);
                    ps.setString(3, member);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            for (String sql : List.of("DELETE FROM dir_group_member WHERE school_id = ? AND group_id = ?",
                    "DELETE FROM dir_group WHERE school_id = ? AND id = ?")) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, school);
                    ps.setString(2, g.id());
                    ps.executeUpdate();
                }
            }
            archived.add(new ArchivedGroup(g.id(), g.name(), g.createdAt(), now, actor, g.memberIds()));
        }
        return archived;
    }

    static List<ArchivedGroup> archived(Connection c, String school) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, group_id, name, created_at, archived_at, archived_by"
                + " FROM dir_archived_group WHERE school_id = ? ORDER BY seq")) {
            ps.setString(1, school);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getObject(5, OffsetDateTime.class).toInstant(),
                        rs.getString(6)});
                }
            }
        }
        List<ArchivedGroup> out = new ArrayList<>();
        for (Object[] r : rows) {
            List<String> members = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT member_id FROM dir_archived_group_member"
                    + " WHERE school_id = ? AND seq = ? ORDER BY member_id")) {
                ps.setString(1, school);
                ps.setLong(2, (Long) r[0]);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        members.add(rs.getString(1));
                    }
                }
            }
            out.add(new ArchivedGroup((String) r[1], (String) r[2], (Instant) r[3], (Instant) r[4], (String) r[5], members));
        }
        return out;
    }

    /** Moves the duplicate's bookings and opt-out to the member kept (an opt-out of either stays one opt-out). */
    static void repoint(Connection c, String school, String keepId, String duplicateId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE dir_booking SET member_id = ? WHERE school_id = ? AND member_id = ?")) {
            ps.setString(1, keepId);
            ps.setString(2, school);
            ps.setString(3, duplicateId);
            ps.executeUpdate();
        }
        boolean duplicateOptedOut = !membersOf(c, school,
                "SELECT id FROM dir_opt_out WHERE school_id = ? AND kind = 'STUDENT' AND id = ?", duplicateId).isEmpty();
        boolean keepOptedOut = !membersOf(c, school,
                "SELECT id FROM dir_opt_out WHERE school_id = ? AND kind = 'STUDENT' AND id = ?", keepId).isEmpty();
        if (!duplicateOptedOut) {
            return;
        }
        if (keepOptedOut) {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM dir_opt_out WHERE school_id = ? AND kind = 'STUDENT' AND id = ?")) {
                ps.setString(1, school);
                ps.setString(2, duplicateId);
                ps.executeUpdate();
            }
        } else {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE dir_opt_out SET id = ? WHERE school_id = ? AND kind = 'STUDENT' AND id = ?")) {
                ps.setString(1, keepId);
                ps.setString(2, school);
                ps.setString(3, duplicateId);
                ps.executeUpdate();
            }
        }
    }

    private static List<String> membersOf(Connection c, String school, String sql, String id) throws SQLException {
        return DirectoryTables.strings(c, sql, school, id);
    }
}
