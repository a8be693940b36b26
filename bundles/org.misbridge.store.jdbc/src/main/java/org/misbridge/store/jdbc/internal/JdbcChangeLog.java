package org.misbridge.store.jdbc.internal;

import static org.misbridge.api.SchoolProperties.requireValidSchoolId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.misbridge.api.ChangeLog;
import org.misbridge.api.directory.ChangeLogState;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.RowChange;
import org.misbridge.api.directory.RowKind;

/**
 * The {@link ChangeLog} on the directory's database (V13): reading it, and purging tombstones past the
 * retention during a sync. {@link ChangeLogWriter} writes it inside each change's own transaction.
 */
public final class JdbcChangeLog implements ChangeLog {

    /** How long tombstones are kept unless the store is configured otherwise. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    private static final int FETCH_SIZE = 1000;

    private final SchoolTransactions transactions;
    private volatile Duration retention = DEFAULT_RETENTION;

    JdbcChangeLog(SchoolTransactions transactions) {
        this.transactions = transactions;
    }

    /** Keeps tombstones this long (at least a day). */
    public JdbcChangeLog retention(Duration retention) {
        if (retention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("the change log keeps tombstones at least a day, not " + retention);
        }
        this.retention = Objects.requireNonNull(retention, "retention");
        return this;
    }

    @Override
    public Duration retention() {
        return retention;
    }

    @Override
    public ChangeLogState state(String schoolId) {
        String school = requireValidSchoolId(schoolId);
        return transactions.read(school, "reading the change log's state", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT began_at, complete_since, version FROM dir_change_school WHERE school_id = ?")) {
                ps.setString(1, school);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return ChangeLogState.empty(school);
                    }
                    return new ChangeLogState(school, instant(rs, 1), instant(rs, 2), rs.getLong(3));
                }
            }
        });
    }

    @Override
    public List<RowChange> changesSince(String schoolId, Instant from) {
        String school = requireValidSchoolId(schoolId);
        Objects.requireNonNull(from, "from");
        return transactions.read(school, "reading the change log", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT row_kind, row_id, other_id, changed_at, deleted,"
                    + " member_kind FROM dir_change WHERE school_id = ? AND changed_at >= ?"
                    + " ORDER BY changed_at, row_kind, row_id, other_id")) {
                ps.setFetchSize(FETCH_SIZE);
                ps.setString(1, school);
                ps.setObject(2, from.atOffset(ZoneOffset.UTC));
                List<RowChange> changes = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String kind = rs.getString(6);
                        changes.add(new RowChange(RowKind.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3),
                                instant(rs, 4), rs.getBoolean(5), kind == null ? null : MemberKind.valueOf(kind)));
                    }
                }
                return changes;
            }
        });
    }

    /**
     * Purges the school's tombstones older than the retention at {@code now}, and moves the time from
     * which the log is complete past them; returns how many went. Runs in the caller's transaction.
     */
    int purge(Connection c, String school, Instant now) throws SQLException {
        OffsetDateTime cutoff = now.minus(retention).atOffset(ZoneOffset.UTC);
        int purged;
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM dir_change WHERE school_id = ? AND deleted = TRUE AND changed_at < ?")) {
            ps.setString(1, school);
            ps.setObject(2, cutoff);
            purged = ps.executeUpdate();
        }
        if (purged > 0) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE dir_change_school SET complete_since = ? WHERE school_id = ? AND complete_since < ?")) {
                ps.setObject(1, cutoff);
                ps.setString(2, school);
                ps.setObject(3, cutoff);
                ps.executeUpdate();
            }
        }
        return purged;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
