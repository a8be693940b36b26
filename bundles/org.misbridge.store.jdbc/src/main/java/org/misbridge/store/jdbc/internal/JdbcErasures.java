package org.misbridge.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Member;
import org.misbridge.api.lifecycle.Erasure;

/**
 * Erasures: when members are deleted, the personal values of each (their names and details, and
 * those of the adults deleted with them) are noted; once the retention period has passed they are
 * scrubbed from every record the store keeps and the notes are dropped. Runs on a connection whose
 * transaction the caller owns.
 */
final class JdbcErasures {

    static final String MASK = "XXXX";

    /**
     * The kept tables and their free-text columns that may quote a person: each row is rewritten
     * with every erased value masked. Keys identify the row for the update.
     */
    private static final List<KeptText> KEPT_TEXT = List.of(
            new KeptText("dir_audit", List.of("seq"), List.of("target")),
            new KeptText("dir_sync_run", List.of("run_no"), List.of("message")),
            new KeptText("dir_outbox", List.of("topic", "seq"), List.of("payload")),
            new KeptText("dir_data_issue", List.of("seq"), List.of("reason", "field")),
            new KeptText("dir_feed_state", List.of("topic"), List.of("last_error")),
            new KeptText("dir_booking", List.of("seq"), List.of("description")),
            new KeptText("dir_archived_group", List.of("seq"), List.of("name")));

    private record KeptText(String table, List<String> keys, List<String> columns) {
    }

    private JdbcErasures() {
    }

    /** Notes each removed member of {@code removal} and the personal values that went with them. */
    static void record(Connection c, String school, ChangeSet removal, Instant deletedAt) throws SQLException {
        List<Member> members = removal.members().removed();
        if (members.isEmpty()) {
            return;
        }
        Map<String, LinkedPerson> people = new HashMap<>();
        removal.people().removed().forEach(p -> people.put(p.id(), p));
        Map<String, List<ContactDetail>> detailsByOwner = new HashMap<>();
        removal.details().removed().forEach(d -> detailsByOwner.computeIfAbsent(d.ownerId(), k -> new ArrayList<>()).add(d));
        try (PreparedStatement erasure = c.prepareStatement("INSERT INTO dir_erasure (school_id, member_id, deleted_at,"
                + " anonymised_at) VALUES (?, ?, ?, NULL)");
                PreparedStatement value = c.prepareStatement("INSERT INTO dir_erasure_value (school_id, member_id,"
                        + " owner_id, kind, erased_value) VALUES (?, ?, ?, ?, ?)")) {
            Set<String> noted = new HashSet<>(JdbcDeletion.ids(c, "SELECT member_id FROM dir_erasure WHERE school_id = ?", school));
            for (Member m : members) {
                if (!noted.add(m.id())) {
                    continue;
                }
                erasure.setString(1, school);
                erasure.setString(2, m.id());
                erasure.setObject(3, deletedAt.atOffset(ZoneOffset.UTC));
                erasure.addBatch();
                Set<List<String>> values = new LinkedHashSet<>();
                addNames(values, m.id(), m.givenName(), m.familyName());
                detailsByOwner.getOrDefault(m.id(), List.of()).forEach(d -> values.add(List.of(m.id(), d.kind().name(), d.value())));
                for (Link l : removal.links().removed()) {
                    LinkedPerson p = people.get(l.personId());
                    if (l.memberId().equals(m.id()) && p != null) {
                        addNames(values, p.id(), p.givenName(), p.familyName());
                        detailsByOwner.getOrDefault(p.id(), List.of())
                                .forEach(d -> values.add(List.of(p.id(), d.kind().name(), d.value())));
                    }
                }
                for (List<String> v : values) {
                    value.setString(1, school);
                    value.setString(2, m.id());
                    value.setString(3, v.get(0));
                    value.setString(4, v.get(1));
                    value.setString(5, JdbcAudit.clip(v.get(2), 512));
                    value.addBatch();
                }
            }
            erasure.executeBatch();
            value.executeBatch();
        }
    }

    private static void addNames(Set<List<String>> values, String owner, String given, String family) {
        String full = (given + " " + family).strip();
        for (String[] v : new String[][] {{"NAME", full}, {"GIVEN", given}, {"FAMILY", family}}) {
            if (!v[1].isBlank() && !MASK.equals(v[1])) {
                values.add(List.of(owner, v[0], v[1].strip()));
            }
        }
    }

    static List<Erasure> list(Connection c, String school) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT member_id, COUNT(*) FROM dir_erasure_value WHERE school_id = ? GROUP BY member_id")) {
            ps.setString(1, school);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        List<Erasure> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT member_id, deleted_at, anonymised_at FROM dir_erasure"
                + " WHERE school_id = ? ORDER BY deleted_at, member_id")) {
            ps.setString(1, school);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime anonymised = rs.getObject(3, OffsetDateTime.class);
                    out.add(new Erasure(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                            anonymised == null ? null : anonymised.toInstant(), counts.getOrDefault(rs.getString(1), 0)));
                }
            }
        }
        return out;
    }

    /**
     * Anonymises the erasures of members deleted at or before {@code deletedBefore}: masks their
     * values in every kept record, masks the holders of their wallets, drops delivery feedback about
     * their details, and forgets the values.
     *
     * @return the member ids anonymised
     */
    static List<String> anonymise(Connection c, String school, Instant deletedBefore, Instant now) throws SQLException {
        List<String> due = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT member_id FROM dir_erasure WHERE school_id = ?"
                + " AND anonymised_at IS NULL AND deleted_at <= ? ORDER BY deleted_at, member_id")) {
            ps.setString(1, school);
            ps.setObject(2, deletedBefore.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(rs.getString(1));
                }
            }
        }
        if (due.isEmpty()) {
            return due;
        }
        Set<String> owners = new LinkedHashSet<>();
        Set<String> values = new LinkedHashSet<>();
        Set<String> details = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT owner_id, kind, erased_value FROM dir_erasure_value WHERE school_id = ? AND member_id = ?")) {
            for (String member : due) {
                ps.setString(1, school);
                ps.setString(2, member);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        owners.add(rs.getString(1));
                        values.add(rs.getString(3));
                        if ("EMAIL".equals(rs.getString(2)) || "MOBILE".equals(rs.getString(2))) {
                            details.add(rs.getString(3));
                        }
                    }
                }
            }
        }
        maskWalletHolders(c, school, owners);
        Pattern pattern = pattern(values);
        if (pattern != null) {
            for (KeptText kept : KEPT_TEXT) {
                scrub(c, school, kept, pattern);
            }
        }
        forgetFeedback(c, school, details);
        try (PreparedStatement forget = c.prepareStatement(
                "DELETE FROM dir_erasure_value WHERE school_id = ? AND member_id = ?");
                PreparedStatement done = c.prepareStatement(
                        "UPDATE dir_erasure SET anonymised_at = ? WHERE school_id = ? AND member_id = ?")) {
            for (String member : due) {
                forget.setString(1, school);
                forget.setString(2, member);
                forget.addBatch();
                done.setObject(1, now.atOffset(ZoneOffset.UTC));
                done.setString(2, school);
                done.setString(3, member);
                done.addBatch();
            }
            forget.executeBatch();
            done.executeBatch();
        }
        return due;
    }

    private static void maskWalletHolders(Connection c, String school, Set<String> owners) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE dir_wallet SET holder_name = ? WHERE school_id = ? AND person_id = ?")) {
            for (String owner : owners) {
                ps.setString(1, MASK);
                ps.setString(2, school);
                ps.setString(3, owner);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void forgetFeedback(Connection c, String school, Set<String> details) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM dir_delivery_feedback WHERE school_id = ? AND LOWER(detail_value) = LOWER(?)")) {
            for (String d : details) {
                ps.setString(1, school);
                ps.setString(2, d);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * One pattern for all values, longest first (so a full name goes before its parts), matched
     * whole and ignoring case: "Ann" masks "ann" but not "Annabel".
     */
    static Pattern pattern(Set<String> values) {
        List<String> sorted = values.stream().filter(v -> !v.isBlank() && !MASK.equals(v))
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        if (sorted.isEmpty()) {
            return null;
        }
        StringBuilder alternatives = new StringBuilder();
        for (String v : sorted) {
            if (alternatives.length() > 0) {
                alternatives.append('|');
            }
            alternatives.append(Pattern.quote(v));
        }
        return Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + alternatives + ")(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    static String mask(String text, Pattern pattern) {
        return pattern.matcher(text).replaceAll(Matcher.quoteReplacement(MASK));
    }

    private static void scrub(Connection c, String school, KeptText kept, Pattern pattern) throws SQLException {
        String select = "SELECT " + String.join(", ", kept.keys()) + ", " + String.join(", ", kept.columns())
                + " FROM " + kept.table() + " WHERE school_id = ?";
        Map<List<Object>, List<String>> changed = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(select)) {
            ps.setString(1, school);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Object> key = new ArrayList<>();
                    for (int i = 1; i <= kept.keys().size(); i++) {
                        key.add(rs.getObject(i));
                    }
                    List<String> texts = new ArrayList<>();
                    boolean differs = false;
                    for (int i = 0; i < kept.columns().size(); i++) {
                        String text = rs.getString(kept.keys().size() + 1 + i);
                        String masked = text == null ? null : mask(text, pattern);
                        differs |= text != null && !text.equals(masked);
                        texts.add(masked);
                    }
                    if (differs) {
                        changed.put(key, texts);
                    }
                }
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        StringBuilder update = new StringBuilder("UPDATE ").append(kept.table()).append(" SET ");
        update.append(String.join(", ", kept.columns().stream().map(col -> col + " = ?").toList()));
        update.append(" WHERE school_id = ?");
        kept.keys().forEach(k -> update.append(" AND ").append(k).append(" = ?"));
        try (PreparedStatement ps = c.prepareStatement(update.toString())) {
            for (Map.Entry<List<Object>, List<String>> row : changed.entrySet()) {
                int i = 1;
                for (String text : row.getValue()) {
                    ps.setString(i++, text);
                }
                ps.setString(i++, school);
                for (Object key : row.getKey()) {
                    ps.setObject(i++, key);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
