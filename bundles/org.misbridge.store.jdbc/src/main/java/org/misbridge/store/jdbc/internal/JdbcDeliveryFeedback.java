package org.misbridge.store.jdbc.internal;

import static org.misbridge.api.SchoolProperties.requireValidSchoolId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.ContactPreferences;
import org.misbridge.api.directory.AuditRecord;
import org.misbridge.api.directory.DataIssue;
import org.misbridge.api.directory.DeliveryBlock;
import org.misbridge.api.directory.DeliveryFeedback;
import org.misbridge.api.directory.DetailKind;
import org.misbridge.api.directory.OptOut;

/**
 * Delivery feedback, blocking and re-enabling details, and opt-outs (kept in {@link JdbcOptOuts}): the
 * {@link ContactPreferences} service, each change in one transaction of the school.
 */
final class JdbcDeliveryFeedback implements ContactPreferences {

    private static final String BLOCKED_DETAIL = "blocked-detail";

    private final SchoolTransactions transactions;
    private final Clock clock;
    private final JdbcOptOuts optOuts;

    JdbcDeliveryFeedback(SchoolTransactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
        this.optOuts = new JdbcOptOuts(transactions);
    }

    @Override
    public Set<OptOut> optOuts(String schoolId) {
        return optOuts.optOuts(schoolId);
    }

    @Override
    public boolean setOptOut(String schoolId, OptOut optOut, boolean optedOut) {
        return optOuts.set(schoolId, optOut, optedOut);
    }

    @Override
    public int recordDelivery(String schoolId, DetailKind kind, String value, DeliveryFeedback feedback) {
        String school = requireValidSchoolId(schoolId);
        return transactions.write(school, "record delivery feedback", c -> {
            int blocked = record(c, school, kind, value, feedback, clock.instant());
            if (blocked > 0) {
                JdbcDigests.invalidate(c, school);
            }
            return blocked;
        });
    }

    @Override
    public List<DeliveryBlock> deliveryBlocks(String schoolId) {
        String school = requireValidSchoolId(schoolId);
        return transactions.read(school, "reading the blocked details", c -> blocks(c, school));
    }

    @Override
    public int reenable(String schoolId, DetailKind kind, String value, String actor) {
        String school = requireValidSchoolId(schoolId);
        Objects.requireNonNull(actor, "actor");
        Instant at = clock.instant();
        int unblocked = transactions.write(school, "re-enable detail", c -> {
            int n = unblock(c, school, kind, value, at);
            JdbcDigests.invalidate(c, school);
            if (n > 0) {
                JdbcAudit.append(c, school, new AuditRecord(at, actor, "reenable", value, n));
            }
            return n;
        });
        if (unblocked > 0) {
            JdbcAudit.log(school, new AuditRecord(at, actor, "reenable", value, unblocked));
        }
        return unblocked;
    }

    /**
     * Counts one report; at its limit blocks the value's details and raises a data issue per owner,
     * naming the student the owner is linked to and the feedback that blocked it.
     *
     * @return how many details were blocked
     */
    static int record(Connection c, String school, DetailKind kind, String value, DeliveryFeedback feedback,
            Instant at) throws SQLException {
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
        // their email or mobile is no longer served: their records changed
        ChangeLogWriter.record(c, school, new ChangedRows().detailsOf(newlyBlocked), at);
        Set<DeliveryFeedback> causes = causes(c, school, kind, value);
        for (String owner : newlyBlocked) {
            appendDataIssue(c, school, DataIssue.blockedDetail(memberOf(c, school, owner), owner, kind, value, causes));
        }
        return blocked;
    }

    /** Unblocks the value's details, forgets its feedback and its blocked-detail issues; returns how many were unblocked. */
    static int unblock(Connection c, String school, DetailKind kind, String value, Instant at) throws SQLException {
        int unblocked;
        ChangeLogWriter.record(c, school, new ChangedRows().detailsOf(owners(c, school, kind, value, true)), at);
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
        deleteBlockedIssues(c, school, kind, value);
        return unblocked;
    }

    /** The values whose feedback reached its limit, with the feedback that did. */
    static List<DeliveryBlock> blocks(Connection c, String school) throws SQLException {
        Map<String, DeliveryBlock> blocks = new LinkedHashMap<>();
        try (PreparedStatement q = c.prepareStatement("SELECT kind, detail_value, feedback, reports FROM dir_delivery_feedback"
                + " WHERE school_id = ? ORDER BY kind, detail_value, feedback")) {
            q.setString(1, school);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    DeliveryFeedback feedback = DeliveryFeedback.valueOf(rs.getString(3));
                    if (rs.getInt(4) < feedback.blocksAfter()) {
                        continue;
                    }
                    DetailKind kind = DetailKind.valueOf(rs.getString(1));
                    String value = rs.getString(2);
                    blocks.merge(kind + "\u0000" + value, new DeliveryBlock(kind, value, Set.of(feedback)),
                            (a, b) -> new DeliveryBlock(kind, value, union(a.causes(), b.causes())));
                }
            }
        }
        return List.copyOf(blocks.values());
    }

    private static Set<DeliveryFeedback> union(Set<DeliveryFeedback> a, Set<DeliveryFeedback> b) {
        Set<DeliveryFeedback> all = EnumSet.noneOf(DeliveryFeedback.class);
        all.addAll(a);
        all.addAll(b);
        return all;
    }

    private static Set<DeliveryFeedback> causes(Connection c, String school, DetailKind kind, String value) throws SQLException {
        Set<DeliveryFeedback> causes = EnumSet.noneOf(DeliveryFeedback.class);
        for (DeliveryBlock block : blocks(c, school)) {
            if (block.kind() == kind && block.value().equals(value)) {
                causes.addAll(block.causes());
            }
        }
        return causes;
    }

    /**
     * The member an issue about this owner names: the student the owner is linked to (the lowest id,
     * as the sync names it), or the owner itself when it is a member (staff).
     */
    private static @Nullable String memberOf(Connection c, String school, String owner) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                "SELECT MIN(member_id) FROM dir_link WHERE school_id = ? AND person_id = ?")) {
            q.setString(1, school);
            q.setString(2, owner);
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next() && rs.getString(1) != null) {
                    return rs.getString(1);
                }
            }
        }
        try (PreparedStatement q = c.prepareStatement("SELECT id FROM dir_member WHERE school_id = ? AND id = ?")) {
            q.setString(1, school);
            q.setString(2, owner);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? owner : null;
            }
        }
    }

    /** The blocked-detail issues about this value, whatever student or cause they name. */
    private static void deleteBlockedIssues(Connection c, String school, DetailKind kind, String value) throws SQLException {
        String field = kind == DetailKind.EMAIL ? "email" : "mobile";
        String about = "'" + value + "' is blocked";
        List<Integer> seqs = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(
                "SELECT seq, reason FROM dir_data_issue WHERE school_id = ? AND kind = ? AND field = ?")) {
            q.setString(1, school);
            q.setString(2, BLOCKED_DETAIL);
            q.setString(3, field);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(2).startsWith(about)) {
                        seqs.add(rs.getInt(1));
                    }
                }
            }
        }
        for (int seq : seqs) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM dir_data_issue WHERE school_id = ? AND seq = ?")) {
                ps.setString(1, school);
                ps.setInt(2, seq);
                ps.executeUpdate();
            }
        }
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
            ps.setString(4, StoredText.fit(issue.memberId(), StoredText.ISSUE_ID));
            ps.setString(5, StoredText.fit(issue.personId(), StoredText.ISSUE_ID));
            ps.setString(6, StoredText.fit(issue.field(), StoredText.ISSUE_FIELD));
            ps.setString(7, StoredText.fit(issue.reason(), StoredText.ISSUE_REASON));
            ps.executeUpdate();
        }
    }
}
