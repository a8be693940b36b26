package org.misbridge.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.misbridge.api.directory.DataIssue;
import org.misbridge.api.directory.DeliveryFeedback;
import org.misbridge.api.directory.DetailKind;

/** Delivery feedback, blocking and re-enabling details, on a connection whose transaction the caller owns. */
final class JdbcDeliveryFeedback {

    private JdbcDeliveryFeedback() {
    }

    /**
     * Counts one report; at its limit blocks the value's details and raises a data issue per owner.
     *
     * @return how many details were blocked
     */
    static int record(Connection c, String school, DetailKind kind, String value, DeliveryFeedback feedback)
            throws SQLException {
        int blocked;
        int reports = countReport(c, school, kind, value, feedback);
        if (reports < feedback.blocksAfter()) {
            return 0;
        }
        List<String> newlyBlocked = owners(c, school, kind, value, false);
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE dir_detail SET blocked = TRUE WHERE school_id = ? AND kind = ? AND detail_value = ?")) {
            bindDetail(ps, school, kind, value);
            blocked = ps.executeUpdate();
        }
        for (String owner : newlyBlocked) {
            appendDataIssue(c, school, DataIssue.blockedDetail(owner, kind, value));
        }
        return blocked;
    }

    /** Unblocks the value's details, forgets its feedback and its blocked-detail issues; returns how many were unblocked. */
    static int reenable(Connection c, String school, DetailKind kind, String value) throws SQLException {
        int unblocked;
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE dir_detail SET blocked = FALSE WHERE school_id = ? AND kind = ? AND detail_value = ? AND blocked = TRUE")) {
            bindDetail(ps, school, kind, value);
            unblocked = ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM dir_delivery_feedback WHERE school_id = ? AND kind = ? AND detail_value = ?")) {
            bindDetail(ps, school, kind, value);
            ps.executeUpdate();
        }
        for (String owner : owners(c, school, kind, value, false)) {
            DataIssue issue = DataIssue.blockedDetail(owner, kind, value);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM dir_data_issue WHERE school_id = ? AND kind = ?"
                    + " AND person_id = ? AND field = ? AND reason = ?")) {
                ps.setString(1, school);
                ps.setString(2, issue.kind());
                ps.setString(3, owner);
                ps.setString(4, issue.field());
                ps.setString(5, issue.reason());
                ps.executeUpdate();
            }
        }
        return unblocked;
    }

    /** Adds one report and returns how many of that feedback the value now has. */
    private static int countReport(Connection c, String school, DetailKind kind, String value, DeliveryFeedback feedback)
            throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE dir_delivery_feedback SET reports = reports + 1"
                + " WHERE school_id = ? AND kind = ? AND detail_value = ? AND feedback = ?")) {
            bindDetail(up, school, kind, value);
            up.setString(4, feedback.name());
            if (up.executeUpdate() == 0) {
                try (PreparedStatement in = c.prepareStatement("INSERT INTO dir_delivery_feedback"
                        + " (school_id, kind, detail_value, feedback, reports) VALUES (?, ?, ?, ?, 1)")) {
                    bindDetail(in, school, kind, value);
                    in.setString(4, feedback.name());
                    in.executeUpdate();
                }
            }
        }
        try (PreparedStatement q = c.prepareStatement("SELECT reports FROM dir_delivery_feedback"
                + " WHERE school_id = ? AND kind = ? AND detail_value = ? AND feedback = ?")) {
            bindDetail(q, school, kind, value);
            q.setString(4, feedback.name());
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static List<String> owners(Connection c, String school, DetailKind kind, String value, boolean blocked)
            throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT owner_id FROM dir_detail"
                + " WHERE school_id = ? AND kind = ? AND detail_value = ? AND blocked = ? ORDER BY owner_id")) {
            bindDetail(q, school, kind, value);
            q.setBoolean(4, blocked);
            List<String> owners = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    owners.add(rs.getString(1));
                }
            }
            return owners;
        }
    }

    private static void bindDetail(PreparedStatement ps, String school, DetailKind kind, String value) throws SQLException {
        ps.setString(1, school);
        ps.setString(2, kind.name());
        ps.setString(3, value);
    }

    static void appendDataIssue(Connection c, String school, DataIssue issue) throws SQLException {
        int seq = (int) DirectoryTables.nextNumber(c, "dir_data_issue", "seq", school, 0);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO dir_data_issue"
                + " (school_id, seq, kind, member_id, person_id, field, reason) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, school);
            ps.setInt(2, seq);
            ps.setString(3, issue.kind());
            ps.setString(4, issue.memberId());
            ps.setString(5, issue.personId());
            ps.setString(6, issue.field());
            ps.setString(7, issue.reason());
            ps.executeUpdate();
        }
    }
}
