package org.misbridge.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.misbridge.store.jdbc.internal.ChangedRows.Row;

/**
 * Writes the change log (V13) on the connection of the change it describes, inside that change's
 * transaction, so a crash or a rollback loses both or neither. A school's first write only begins its
 * log: what it makes has the time the log began, as the rows a store had before V13 do. Each write of
 * a school gets a time strictly after the school's previous one (at least a millisecond, the precision
 * OneRoster serves): two writes are never stamped alike, and a clock that steps back, or another
 * host's, cannot put a change before one a consumer has already seen.
 */
final class ChangeLogWriter {

    static final String INSERT = "INSERT INTO dir_change (school_id, row_kind, row_id, other_id, changed_at, deleted,"
            + " member_kind) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE = "UPDATE dir_change SET changed_at = ?, deleted = ?, member_kind = ?"
            + " WHERE school_id = ? AND row_kind = ? AND row_id = ? AND other_id = ?";

    private static final String UPSERT = INSERT + " ON CONFLICT (school_id, row_kind, row_id, other_id) DO UPDATE SET"
            + " changed_at = EXCLUDED.changed_at, deleted = EXCLUDED.deleted, member_kind = EXCLUDED.member_kind";

    private ChangeLogWriter() {
    }

    /** Logs every row of a change set as changed at {@code at} (or just after the school's last change). */
    static void record(Connection c, String school, ChangedRows changed, Instant at) throws SQLException {
        if (!changed.isEmpty()) {
            record(c, school, () -> changed, at);
        }
    }

    /**
     * Logs the rows {@code changed} gives, a change set's that changes something. They are made only
     * when the log takes them: a school's first write (a million rows at 100,000 students) has none.
     */
    static void record(Connection c, String school, Supplier<ChangedRows> changed, Instant at) throws SQLException {
        @Nullable Instant last = lastChange(c, school);
        OffsetDateTime stamp = stamp(at, last).atOffset(ZoneOffset.UTC);
        if (last == null) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO dir_change_school (school_id, began_at,"
                    + " complete_since, last_change_at, version) VALUES (?, ?, ?, ?, 1)")) {
                ps.setString(1, school);
                ps.setObject(2, stamp);
                ps.setObject(3, stamp);
                ps.setObject(4, stamp);
                ps.executeUpdate();
            }
            // the school's first write: every row it makes carries the time the log began without an
            // entry of its own (it can delete nothing), so the first sync of a school writes no more
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE dir_change_school SET last_change_at = ?, version = version + 1 WHERE school_id = ?")) {
            ps.setObject(1, stamp);
            ps.setString(2, school);
            ps.executeUpdate();
        }
        List<Row> rows = changed.get().rows();
        if (Migrations.isPostgres(c)) {
            upsert(c, school, rows, stamp);
        } else {
            insert(c, school, updateOrMissing(c, school, rows, stamp), stamp);
        }
    }

    /**
     * On PostgreSQL, each row inserted or, where the log has it, updated in one statement whose
     * conflict is found through the primary key. An UPDATE by the key was left to the planner,
     * which, before the table's first statistics, looked rows up through another index of the
     * school and filtered the school's whole log (a quarter of a millisecond a row at 1,000 rows).
     */
    private static void upsert(Connection c, String school, List<Row> rows, OffsetDateTime stamp) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            RowParams params = RowParams.of(ps);
            for (int from = 0; from < rows.size(); from += 1000) {
                for (Row row : rows.subList(from, Math.min(rows.size(), from + 1000))) {
                    bind(params, school, row, stamp);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    /** The time to stamp a write made at {@code at}: a millisecond after the school's last change at the least. */
    static Instant stamp(Instant at, @Nullable Instant last) {
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        return last == null || now.isAfter(last) ? now : last.truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
    }

    private static @Nullable Instant lastChange(Connection c, String school) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT last_change_at FROM dir_change_school WHERE school_id = ?")) {
            ps.setString(1, school);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, OffsetDateTime.class).toInstant() : null;
            }
        }
    }

    /** Updates the rows the log has; returns those it does not have yet. */
    private static List<Row> updateOrMissing(Connection c, String school, List<Row> rows, OffsetDateTime stamp)
            throws SQLException {
        List<Row> missing = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            for (int from = 0; from < rows.size(); from += 1000) {
                List<Row> batch = rows.subList(from, Math.min(rows.size(), from + 1000));
                for (Row row : batch) {
                    ps.setObject(1, stamp);
                    ps.setBoolean(2, row.deleted());
                    ps.setString(3, row.memberKind() == null ? null : row.memberKind().name());
                    ps.setString(4, school);
                    ps.setString(5, row.kind().name());
                    ps.setString(6, row.id());
                    ps.setString(7, row.otherId());
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                for (int i = 0; i < batch.size(); i++) {
                    if (counts[i] == 0) {
                        missing.add(batch.get(i));
                    }
                }
            }
        }
        return missing;
    }

    private static void insert(Connection c, String school, List<Row> rows, OffsetDateTime stamp) {
        RowWrites.insert(c, school, "dir_change", INSERT, (ps, s, row) -> bind(ps, s, row, stamp), rows);
    }

    /** The parameters of {@link #INSERT} (and of the upsert, which begins with it). */
    private static void bind(RowParams ps, String school, Row row, OffsetDateTime stamp) throws SQLException {
        ps.setString(1, school);
        ps.setString(2, row.kind().name());
        ps.setString(3, row.id());
        ps.setString(4, row.otherId());
        ps.setObject(5, stamp);
        ps.setBoolean(6, row.deleted());
        ps.setString(7, row.memberKind() == null ? null : row.memberKind().name());
    }
}
