package org.misbridge.store.jdbc.internal;

import static org.misbridge.store.jdbc.internal.DirectoryTables.DETAILS;
import static org.misbridge.store.jdbc.internal.DirectoryTables.GROUPS;
import static org.misbridge.store.jdbc.internal.DirectoryTables.LINKS;
import static org.misbridge.store.jdbc.internal.DirectoryTables.MEMBERS;
import static org.misbridge.store.jdbc.internal.DirectoryTables.MEMBERSHIPS;
import static org.misbridge.store.jdbc.internal.DirectoryTables.PEOPLE;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.DataIssue;
import org.misbridge.store.jdbc.internal.DirectoryTables.Binder;
import org.misbridge.store.jdbc.internal.DirectoryTables.Table;

/**
 * How rows reach the directory's tables, inside a transaction the caller holds: a change set's
 * rows in the order the foreign keys need, many new rows with {@code COPY} on PostgreSQL, the rest
 * in batches, and an error that names the table and the operation (and the driver's hidden cause).
 */
final class RowWrites {
    private static final int BATCH_SIZE = 1000;

    private RowWrites() {
    }

    /** Every row of a change set, logged as changed {@code at}; children go out before their parents, in after them. */
    static void applyRows(Connection c, String school, ChangeSet changes, Instant at) throws SQLException {
        applyRows(c, school, changes, at, WriteProgress.NONE);
    }

    static void applyRows(Connection c, String school, ChangeSet changes, Instant at, WriteProgress p)
            throws SQLException {
        // children before parents on the way out
        delete(c, school, MEMBERSHIPS, changes.memberships().removed(), p);
        delete(c, school, LINKS, changes.links().removed(), p);
        delete(c, school, DETAILS, changes.details().removed(), p);
        delete(c, school, MEMBERS, changes.members().removed(), p);
        delete(c, school, PEOPLE, changes.people().removed(), p);
        delete(c, school, GROUPS, changes.groups().removed(), p);

        update(c, school, MEMBERS, changes.members().updated(), p);
        update(c, school, PEOPLE, changes.people().updated(), p);
        update(c, school, GROUPS, changes.groups().updated(), p);
        update(c, school, LINKS, changes.links().updated(), p);
        update(c, school, DETAILS, changes.details().updated(), p);
        update(c, school, MEMBERSHIPS, changes.memberships().updated(), p);

        // parents before children on the way in
        insert(c, school, MEMBERS, changes.members().created(), p);
        insert(c, school, PEOPLE, changes.people().created(), p);
        insert(c, school, GROUPS, changes.groups().created(), p);
        insert(c, school, LINKS, changes.links().created(), p);
        insert(c, school, DETAILS, changes.details().created(), p);
        insert(c, school, MEMBERSHIPS, changes.memberships().created(), p);
        if (!changes.isEmpty()) {
            ChangeLogWriter.record(c, school, () -> ChangedRows.of(changes), at);
        }
    }

    private static <T> void insert(Connection c, String school, Table<T> table, List<T> rows, WriteProgress p) {
        insert(c, school, table.name(), table.insert(), table.insertBinder(), rows, p);
    }

    /** New rows: with COPY when there are many on PostgreSQL, else in batches. */
    static <T> void insert(Connection c, String school, String table, String sql, Binder<T> binder, List<T> rows) {
        insert(c, school, table, sql, binder, rows, WriteProgress.NONE);
    }

    private static <T> void insert(Connection c, String school, String table, String sql, Binder<T> binder, List<T> rows,
            WriteProgress p) {
        if (rows.size() >= PgCopy.MIN_ROWS && PgCopy.supports(c)) {
            try {
                PgCopy.insert(c, school, sql, binder, rows);
                p.written(table, rows.size());
                return;
            } catch (SQLException e) {
                throw new DirectoryException("insert on " + table + " (COPY of " + rows.size() + " rows) failed: "
                        + rootMessage(e), e);
            }
        }
        batch(c, school, table, "insert", sql, binder, rows, false, p);
    }

    private static <T> void update(Connection c, String school, Table<T> table, List<T> rows, WriteProgress p) {
        if (table.update() == null || table.updateBinder() == null) {
            return;
        }
        // an update that matches no row means the change set was made against a stale state
        batch(c, school, table.name(), "update", table.update(), table.updateBinder(), rows, true, p);
    }

    private static <T> void delete(Connection c, String school, Table<T> table, List<T> rows, WriteProgress p) {
        // removing a row that is already gone leaves the directory as the change set wants it
        batch(c, school, table.name(), "delete", table.delete(), table.deleteBinder(), rows, false, p);
    }

    /** Rows bound into one statement, in batches (no row need match). */
    static <T> void batchRows(Connection c, String school, String table, String operation, String sql,
            Binder<T> binder, List<T> rows) {
        batch(c, school, table, operation, sql, binder, rows, false, WriteProgress.NONE);
    }

    private static <T> void batch(Connection c, String school, String table, String operation, String sql,
            Binder<T> binder, List<T> rows, boolean requireRow, WriteProgress p) {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            RowParams params = RowParams.of(ps);
            List<T> pending = new ArrayList<>(Math.min(rows.size(), BATCH_SIZE));
            for (T row : rows) {
                binder.bind(params, school, row);
                ps.addBatch();
                pending.add(row);
                if (pending.size() == BATCH_SIZE) {
                    execute(ps, table, operation, pending, requireRow);
                    p.written(table, pending.size());
                    pending.clear();
                }
            }
            if (!pending.isEmpty()) {
                execute(ps, table, operation, pending, requireRow);
                p.written(table, pending.size());
            }
        } catch (SQLException e) {
            throw new DirectoryException(operation + " on " + table + " failed: " + rootMessage(e), e);
        }
    }

    private static <T> void execute(PreparedStatement ps, String table, String operation, List<T> pending,
            boolean requireRow) throws SQLException {
        int[] counts = ps.executeBatch();
        if (requireRow) {
            for (int i = 0; i < counts.length && i < pending.size(); i++) {
                if (counts[i] == 0) {
                    throw new DirectoryException(operation + " on " + table + " matched no row for " + pending.get(i));
                }
            }
        }
    }

    private static String rootMessage(SQLException e) {
        // a batch failure often hides the useful message in the next exception
        SQLException next = e.getNextException();
        return next != null && next.getMessage() != null ? e.getMessage() + " / " + next.getMessage() : e.getMessage();
    }

    static void replaceDataIssues(Connection c, String school, List<DataIssue> issues) {
        if (stored(c, school).equals(issues.stream().map(RowWrites::fitted).toList())) {
            return; // a re-sync that raised the same issues in the same order rewrites none of them
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM dir_data_issue WHERE school_id = ?")) {
            ps.setString(1, school);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DirectoryException("delete on dir_data_issue failed: " + e.getMessage(), e);
        }
        List<Indexed> indexed = new ArrayList<>(issues.size());
        for (int i = 0; i < issues.size(); i++) {
            indexed.add(new Indexed(i, issues.get(i)));
        }
        // a large school's first sync raises thousands (6,367 at 100,000 students): COPY on PostgreSQL
        insert(c, school, "dir_data_issue",
                "INSERT INTO dir_data_issue (school_id, seq, kind, member_id, person_id, field, reason)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (ps, s, row) -> {
                    ps.setString(1, s);
                    ps.setInt(2, row.seq());
                    ps.setString(3, row.issue().kind());
                    DataIssue fitted = fitted(row.issue());
                    ps.setString(4, fitted.memberId());
                    ps.setString(5, fitted.personId());
                    ps.setString(6, fitted.field());
                    ps.setString(7, fitted.reason());
                },
                indexed);
    }

    /** The issue as its row holds it: each text cut to its column. */
    private static DataIssue fitted(DataIssue i) {
        return new DataIssue(i.kind(), StoredText.fit(i.memberId(), StoredText.ISSUE_ID),
                StoredText.fit(i.personId(), StoredText.ISSUE_ID), StoredText.fit(i.field(), StoredText.ISSUE_FIELD),
                Objects.requireNonNull(StoredText.fit(i.reason(), StoredText.ISSUE_REASON)));
    }

    /** The school's stored issues, in their order. */
    private static List<DataIssue> stored(Connection c, String school) {
        List<DataIssue> stored = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(DirectoryTables.SELECT_ISSUES)) {
            ps.setFetchSize(1000);
            ps.setString(1, school);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(DirectoryTables.ISSUE_READER.read(rs));
                }
            }
        } catch (SQLException e) {
            throw new DirectoryException("select on dir_data_issue failed: " + e.getMessage(), e);
        }
        return stored;
    }

    /** A data issue with its place in the school's list, so the list reads back in order. */
    private record Indexed(int seq, DataIssue issue) {
    }
}
