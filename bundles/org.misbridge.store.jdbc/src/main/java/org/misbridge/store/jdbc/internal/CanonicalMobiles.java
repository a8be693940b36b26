package org.misbridge.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.misbridge.api.MobileNumbers;
import org.misbridge.api.directory.DeliveryFeedback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migration V10: mobiles stored before the sync wrote them in one form ({@code +44 7700 900123},
 * {@code 0044…}, with spaces) are rewritten to {@link MobileNumbers#canonical}, the form the sync now
 * imports and the commands match. Without it a block recorded for {@code +44 7700 900123} would no
 * longer block the {@code 07700900123} the next sync brings, and that sync would replace every
 * stored mobile. Rewritten: contact details (two forms of one owner's number become one row, blocked
 * if either was, owned by hand or web if either was), delivery feedback (two forms' reports add up,
 * and a number whose reports now reach a limit is blocked), and the value a blocked-detail data issue
 * names. An erased member's number gains its canonical form beside the one kept records may quote.
 */
final class CanonicalMobiles {

    private static final Logger LOG = LoggerFactory.getLogger(CanonicalMobiles.class);

    private static final String MOBILE = "MOBILE";
    /** Rows per JDBC batch and per fetch: large enough to stream, small enough to keep memory flat. */
    static final int BATCH = 1000;

    private CanonicalMobiles() {
    }

    static void apply(Connection c) throws SQLException {
        long start = System.nanoTime();
        int details = details(c);
        int feedback = feedback(c);
        int issues = blockedIssues(c);
        int erased = erasedValues(c);
        LOG.info("V10: {} stored mobiles, {} delivery-feedback rows, {} blocked-detail issues and {} erased numbers rewritten"
                + " to the canonical form in {} ms", details, feedback, issues, erased, (System.nanoTime() - start) / 1_000_000);
    }

    /** One stored contact detail. */
    private record Detail(String school, String owner, String value, boolean blocked, String origin) {
    }

    /**
     * Streams the mobiles in key order, one owner at a time: two rows can only collide within one
     * owner (the key is school, owner, kind, value), and an owner is written only once the cursor
     * has passed it.
     */
    private static int details(Connection c) throws SQLException {
        int changed = 0;
        try (PreparedStatement q = c.prepareStatement("SELECT school_id, owner_id, detail_value, blocked, origin FROM dir_detail"
                + " WHERE kind = '" + MOBILE + "' ORDER BY school_id, owner_id");
                DetailWriter writer = new DetailWriter(c)) {
            q.setFetchSize(BATCH);
            try (ResultSet rs = q.executeQuery()) {
                List<Detail> owner = new ArrayList<>();
                while (rs.next()) {
                    Detail d = new Detail(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5));
                    if (!owner.isEmpty() && !(owner.get(0).school().equals(d.school()) && owner.get(0).owner().equals(d.owner()))) {
                        changed += writer.owner(owner);
                        owner.clear();
                    }
                    owner.add(d);
                }
                changed += writer.owner(owner);
            }
            writer.flush();
        }
        return changed;
    }

    /** The batched writes of {@link #details}: deletions before insertions, so a merged row can take a freed key. */
    private static final class DetailWriter implements AutoCloseable {
        private final PreparedStatement rename;
        private final PreparedStatement delete;
        private final PreparedStatement insert;
        private int pending;

        DetailWriter(Connection c) throws SQLException {
            rename = c.prepareStatement("UPDATE dir_detail SET detail_value = ?"
                    + " WHERE school_id = ? AND owner_id = ? AND kind = '" + MOBILE + "' AND detail_value = ?");
            delete = c.prepareStatement("DELETE FROM dir_detail"
                    + " WHERE school_id = ? AND owner_id = ? AND kind = '" + MOBILE + "' AND detail_value = ?");
            insert = c.prepareStatement("INSERT INTO dir_detail (school_id, owner_id, kind, detail_value, blocked, origin)"
                    + " VALUES (?, ?, '" + MOBILE + "', ?, ?, ?)");
        }

        /** Queues the rewrites of one owner's mobiles; returns how many rows change. */
        int owner(List<Detail> rows) throws SQLException {
            Map<String, List<Detail>> byCanonical = new LinkedHashMap<>();
            for (Detail d : rows) {
                byCanonical.computeIfAbsent(MobileNumbers.canonical(d.value()), k -> new ArrayList<>(1)).add(d);
            }
            int changed = 0;
            for (Map.Entry<String, List<Detail>> e : byCanonical.entrySet()) {
                String canonical = e.getKey();
                List<Detail> forms = e.getValue();
                if (forms.size() == 1) {
                    Detail only = forms.get(0);
                    if (!only.value().equals(canonical)) {
                        bind(rename, canonical, only.school(), only.owner(), only.value());
                        changed++;
                    }
                    continue;
                }
                boolean blocked = false;
                String origin = "IMPORT";
                for (Detail d : forms) {
                    blocked |= d.blocked();
                    if (!"IMPORT".equals(d.origin())) {
                        origin = d.origin(); // a hand or web row is the school's: import must keep it
                    }
                    bind(delete, d.school(), d.owner(), d.value());
                    changed++;
                }
                Detail first = forms.get(0);
                insert.setString(1, first.school());
                insert.setString(2, first.owner());
                insert.setString(3, canonical);
                insert.setBoolean(4, blocked);
                insert.setString(5, origin);
                insert.addBatch();
                pending++;
            }
            if (pending >= BATCH) {
                flush();
            }
            return changed;
        }

        private void bind(PreparedStatement ps, String... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                ps.setString(i + 1, values[i]);
            }
            ps.addBatch();
            pending++;
        }

        void flush() throws SQLException {
            if (pending > 0) {
                delete.executeBatch();
                insert.executeBatch();
                rename.executeBatch();
                pending = 0;
            }
        }

        @Override
        public void close() throws SQLException {
            try (rename; delete; insert) {
                // closes all three
            }
        }
    }

    /** A delivery-feedback row's key less its value. */
    private record FeedbackKey(String school, String canonical, String feedback) {
    }

    /** Delivery feedback is rows per reported number, far fewer than details: merged in memory. */
    private static int feedback(Connection c) throws SQLException {
        Map<FeedbackKey, List<String>> forms = new LinkedHashMap<>();
        Map<FeedbackKey, Integer> reports = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement("SELECT school_id, detail_value, feedback, reports FROM dir_delivery_feedback"
                + " WHERE kind = '" + MOBILE + "'")) {
            q.setFetchSize(BATCH);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String value = rs.getString(2);
                    FeedbackKey key = new FeedbackKey(rs.getString(1), MobileNumbers.canonical(value), rs.getString(3));
                    forms.computeIfAbsent(key, k -> new ArrayList<>(1)).add(value);
                    reports.merge(key, rs.getInt(4), Integer::sum);
                }
            }
        }
        int changed = 0;
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM dir_delivery_feedback"
                + " WHERE school_id = ? AND kind = '" + MOBILE + "' AND detail_value = ? AND feedback = ?");
                PreparedStatement insert = c.prepareStatement("INSERT INTO dir_delivery_feedback"
                        + " (school_id, kind, detail_value, feedback, reports) VALUES (?, '" + MOBILE + "', ?, ?, ?)");
                PreparedStatement block = c.prepareStatement("UPDATE dir_detail SET blocked = TRUE"
                        + " WHERE school_id = ? AND kind = '" + MOBILE + "' AND detail_value = ? AND blocked = FALSE")) {
            for (Map.Entry<FeedbackKey, List<String>> e : forms.entrySet()) {
                FeedbackKey key = e.getKey();
                if (e.getValue().size() == 1 && e.getValue().get(0).equals(key.canonical())) {
                    continue;
                }
                for (String value : e.getValue()) {
                    delete.setString(1, key.school());
                    delete.setString(2, value);
                    delete.setString(3, key.feedback());
                    delete.addBatch();
                    changed++;
                }
                int total = Objects.requireNonNull(reports.get(key));
                insert.setString(1, key.school());
                insert.setString(2, key.canonical());
                insert.setString(3, key.feedback());
                insert.setInt(4, total);
                insert.addBatch();
                if (total >= DeliveryFeedback.valueOf(key.feedback()).blocksAfter()) {
                    block.setString(1, key.school());
                    block.setString(2, key.canonical());
                    block.addBatch();
                }
            }
            delete.executeBatch();
            insert.executeBatch();
            block.executeBatch();
        }
        return changed;
    }

    /** A data issue's new reason. */
    private record IssueRewrite(String school, int seq, String reason) {
    }

    /** A blocked-detail issue's reason starts with the number quoted: {@code '<value>' is blocked…}. */
    private static int blockedIssues(Connection c) throws SQLException {
        String marker = "' is blocked";
        List<IssueRewrite> rewrites = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT school_id, seq, reason FROM dir_data_issue"
                + " WHERE kind = 'blocked-detail' AND field = 'mobile'");
                ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                String reason = rs.getString(3);
                int end = reason.indexOf(marker);
                if (!reason.startsWith("'") || end < 1) {
                    continue;
                }
                String value = reason.substring(1, end);
                String canonical = MobileNumbers.canonical(value);
                if (!canonical.equals(value)) {
                    rewrites.add(new IssueRewrite(rs.getString(1), rs.getInt(2), "'" + canonical + reason.substring(end)));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE dir_data_issue SET reason = ? WHERE school_id = ? AND seq = ?")) {
            for (IssueRewrite r : rewrites) {
                ps.setString(1, StoredText.fit(r.reason(), StoredText.ISSUE_REASON));
                ps.setString(2, r.school());
                ps.setInt(3, r.seq());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return rewrites.size();
    }

    /**
     * An erased member's numbers are kept until anonymisation, which scrubs kept records by them
     * (in whatever form those quote them) and forgets their delivery feedback (now canonical): the
     * canonical form is added beside the stored one.
     */
    private static int erasedValues(Connection c) throws SQLException {
        List<String[]> added = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT school_id, member_id, owner_id, erased_value FROM dir_erasure_value"
                + " WHERE kind = '" + MOBILE + "'");
                ResultSet rs = q.executeQuery()) {
            Set<String> present = new HashSet<>();
            List<String[]> rows = new ArrayList<>();
            while (rs.next()) {
                String[] row = {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)};
                rows.add(row);
                present.add(String.join("\u0000", row));
            }
            for (String[] row : rows) {
                String canonical = MobileNumbers.canonical(row[3]);
                String[] withCanonical = {row[0], row[1], row[2], canonical};
                if (present.add(String.join("\u0000", withCanonical))) {
                    added.add(withCanonical);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO dir_erasure_value"
                + " (school_id, member_id, owner_id, kind, erased_value) VALUES (?, ?, ?, '" + MOBILE + "', ?)")) {
            for (String[] row : added) {
                for (int i = 0; i < row.length; i++) {
                    ps.setString(i + 1, row[i]);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return added.size();
    }
}
