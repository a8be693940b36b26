package org.misbridge.store.jdbc.internal;

import static org.misbridge.api.SchoolProperties.requireValidSchoolId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Outbox;
import org.misbridge.api.directory.FeedState;
import org.misbridge.api.directory.OutboxEntry;
import org.misbridge.api.directory.PendingEntry;

/**
 * The outbox and feed-state tables: the {@link Outbox} service, and the statements that the
 * directory's own changes run on a connection whose transaction they own.
 */
final class JdbcOutbox implements Outbox {

    private static final int MAX_PAYLOAD = 4000;
    private static final String INSERT = "INSERT INTO dir_outbox (school_id, topic, seq, entry_key, payload, recorded_at)"
            + " VALUES (?, ?, ?, ?, ?, ?)";

    private final SchoolTransactions transactions;

    JdbcOutbox(SchoolTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public List<PendingEntry> pending(String schoolId, String topic, int limit) {
        String school = requireValidSchoolId(schoolId);
        return transactions.read(school, "reading the " + topic + " outbox", c -> pending(c, school, topic, limit));
    }

    @Override
    public int pendingCount(String schoolId, String topic) {
        String school = requireValidSchoolId(schoolId);
        return transactions.read(school, "counting the " + topic + " outbox", c -> pendingCount(c, school, topic));
    }

    @Override
    public int acknowledge(String schoolId, String topic, long throughSeq) {
        String school = requireValidSchoolId(schoolId);
        return transactions.write(school, "acknowledge", c -> acknowledge(c, school, topic, throughSeq));
    }

    @Override
    public FeedState feedState(String schoolId, String topic) {
        String school = requireValidSchoolId(schoolId);
        return transactions.read(school, "reading the " + topic + " feed state", c -> state(c, school, topic));
    }

    @Override
    public void recordFeedState(String schoolId, String topic, FeedState state) {
        String school = requireValidSchoolId(schoolId);
        transactions.write(school, "recordFeedState", c -> {
            // the caller read the state in an earlier transaction; the first full export may have
            // committed since, and its flag must survive this write
            boolean initialised = state(c, school, topic).initialised();
            writeState(c, school, topic, new FeedState(initialised, state.lastPushAt(), state.lastPushCount(),
                    state.lastErrorAt(), state.lastError()));
            return null;
        });
    }

    /** Appends entries with sequence numbers that are never reused within a school and topic. */
    static void append(Connection c, String school, List<OutboxEntry> entries, Instant now) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        Map<String, Long> nextByTopic = new HashMap<>();
        List<Sequenced> rows = new ArrayList<>(entries.size());
        for (OutboxEntry e : entries) {
            if (e.payload().length() > MAX_PAYLOAD) {
                throw new IllegalArgumentException("outbox entry " + e.topic() + "/" + e.key() + " is "
                        + e.payload().length() + " characters; at most " + MAX_PAYLOAD + " fit");
            }
            long seq = nextByTopic.computeIfAbsent(e.topic(), t -> lastSeq(c, school, t)) + 1;
            nextByTopic.put(e.topic(), seq);
            rows.add(new Sequenced(seq, e));
        }
        OffsetDateTime recorded = now.atOffset(ZoneOffset.UTC);
        DirectoryTables.Binder<Sequenced> binder = (ps, s, row) -> {
            ps.setString(1, s);
            ps.setString(2, row.entry().topic());
            ps.setLong(3, row.seq());
            ps.setString(4, row.entry().key());
            ps.setString(5, row.entry().payload());
            ps.setObject(6, recorded);
        };
        // a first export of a large school goes through COPY on PostgreSQL
        RowWrites.insert(c, school, "dir_outbox", INSERT, binder, rows);
        for (var last : nextByTopic.entrySet()) {
            FeedState state = state(c, school, last.getKey());
            write(c, school, last.getKey(), last.getValue(), state);
        }
    }

    /** An entry with the number it takes in its topic. */
    private record Sequenced(long seq, OutboxEntry entry) {
    }

    private static long lastSeq(Connection c, String school, String topic) {
        try (PreparedStatement ps = c.prepareStatement("SELECT last_seq FROM dir_feed_state WHERE school_id = ? AND topic = ?")) {
            ps.setString(1, school);
            ps.setString(2, topic);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        } catch (SQLException e) {
            throw new DirectoryException("reading the outbox sequence of " + school + "/" + topic + " failed: " + e.getMessage(), e);
        }
    }

    static List<PendingEntry> pending(Connection c, String school, String topic, int limit) throws SQLException {
        List<PendingEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, entry_key, payload, recorded_at FROM dir_outbox"
                + " WHERE school_id = ? AND topic = ? ORDER BY seq FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY")) {
            ps.setString(1, school);
            ps.setString(2, topic);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new PendingEntry(rs.getLong(1), new OutboxEntry(topic, rs.getString(2), rs.getString(3)),
                            rs.getObject(4, OffsetDateTime.class).toInstant()));
                }
            }
        }
        return out;
    }

    static int pendingCount(Connection c, String school, String topic) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM dir_outbox WHERE school_id = ? AND topic = ?")) {
            ps.setString(1, school);
            ps.setString(2, topic);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    static int acknowledge(Connection c, String school, String topic, long throughSeq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM dir_outbox WHERE school_id = ? AND topic = ? AND seq <= ?")) {
            ps.setString(1, school);
            ps.setString(2, topic);
            ps.setLong(3, throughSeq);
            return ps.executeUpdate();
        }
    }

    static FeedState state(Connection c, String school, String topic) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT initialised, last_push_at, last_push_count, last_error_at,"
                + " last_error FROM dir_feed_state WHERE school_id = ? AND topic = ?")) {
            ps.setString(1, school);
            ps.setString(2, topic);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return FeedState.NEW;
                }
                return new FeedState(rs.getBoolean(1), instant(rs.getObject(2, OffsetDateTime.class)), rs.getInt(3),
                        instant(rs.getObject(4, OffsetDateTime.class)), rs.getString(5));
            }
        }
    }

    /** Stores the state, keeping the sequence as it is. */
    static void writeState(Connection c, String school, String topic, FeedState state) throws SQLException {
        write(c, school, topic, lastSeq(c, school, topic), state);
    }

    private static void write(Connection c, String school, String topic, long lastSeq, FeedState s) throws SQLException {
        String error = s.lastError() == null ? null
                : s.lastError().length() > 1000 ? s.lastError().substring(0, 1000) : s.lastError();
        int updated;
        try (PreparedStatement ps = c.prepareStatement("UPDATE dir_feed_state SET last_seq = ?, initialised = ?,"
                + " last_push_at = ?, last_push_count = ?, last_error_at = ?, last_error = ? WHERE school_id = ? AND topic = ?")) {
            bind(ps, lastSeq, s, error);
            ps.setString(7, school);
            ps.setString(8, topic);
            updated = ps.executeUpdate();
        }
        if (updated == 0) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO dir_feed_state (last_seq, initialised, last_push_at,"
                    + " last_push_count, last_error_at, last_error, school_id, topic) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(ps, lastSeq, s, error);
                ps.setString(7, school);
                ps.setString(8, topic);
                ps.executeUpdate();
            }
        }
    }

    private static void bind(PreparedStatement ps, long lastSeq, FeedState s, @Nullable String error) throws SQLException {
        ps.setLong(1, lastSeq);
        ps.setBoolean(2, s.initialised());
        setInstant(ps, 3, s.lastPushAt());
        ps.setInt(4, s.lastPushCount());
        setInstant(ps, 5, s.lastErrorAt());
        ps.setString(6, error);
    }

    private static void setInstant(PreparedStatement ps, int index, @Nullable Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, t.atOffset(ZoneOffset.UTC));
        }
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
