package org.misbridge.store.jdbc.internal;

import static org.misbridge.store.jdbc.internal.DirectoryTables.DETAILS;
import static org.misbridge.store.jdbc.internal.DirectoryTables.GROUPS;
import static org.misbridge.store.jdbc.internal.DirectoryTables.ISSUE_READER;
import static org.misbridge.store.jdbc.internal.DirectoryTables.LINKS;
import static org.misbridge.store.jdbc.internal.DirectoryTables.MEMBERS;
import static org.misbridge.store.jdbc.internal.DirectoryTables.MEMBERSHIPS;
import static org.misbridge.store.jdbc.internal.DirectoryTables.PEOPLE;
import static org.misbridge.store.jdbc.internal.DirectoryTables.SELECT_ISSUES;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DigestUpdate;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.SyncBase;
import org.misbridge.store.jdbc.internal.DirectoryTables.Reader;

/**
 * The family digests a re-sync compares (V11): loading them with the rows every plan reads whole,
 * loading the rows of some members only, and writing them in the sync's own transaction. The store
 * never computes a digest; it keeps what the sync wrote, and forgets all of a school's digests on
 * any other write to its rows ({@link #invalidate}), so they never describe rows that have changed.
 */
final class JdbcDigests {

    private static final int FETCH_SIZE = 1000;

    private JdbcDigests() {
    }

    /** Forgets the school's digests: the next sync loads the whole directory and digests it again. */
    static void invalidate(Connection c, String school) throws SQLException {
        dropState(c, school);
    }

    /** Whether the school's digests were in step until now. */
    private static boolean dropState(Connection c, String school) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM dir_digest_state WHERE school_id = ?")) {
            ps.setString(1, school);
            return ps.executeUpdate() > 0;
        }
    }

    /** The token kept with the school's digests, if they are in step and one was kept. */
    static Optional<String> token(Connection c, String school) throws SQLException {
        return state(c, school).map(State::token);
    }

    /** The school's digest state row: present while its digests are in step, with the token kept (or null). */
    private record State(@Nullable String token) {
    }

    private static Optional<State> state(Connection c, String school) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT sync_token FROM dir_digest_state WHERE school_id = ?")) {
            ps.setString(1, school);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new State(rs.getString(1))) : Optional.empty();
            }
        }
    }

    static Optional<SyncBase> base(Connection c, String school, boolean complete) throws SQLException {
        Optional<State> state = state(c, school);
        if (state.isEmpty()) {
            return Optional.empty();
        }
        String token = state.get().token();
        var members = complete ? query(c, MEMBERS.select(), List.of(school), MEMBERS.reader()) : List.<Member>of();
        var groups = query(c, GROUPS.select(), List.of(school), GROUPS.reader());
        // each of these reads a whole table of the school: a light base leaves them to what the sync kept
        var handMade = complete ? query(c, LINKS.select().replace("WHERE school_id = ?",
                "WHERE school_id = ? AND origin <> 'IMPORT'"), List.of(school), LINKS.reader()) : List.<Link>of();
        var blocked = complete ? query(c, DETAILS.select().replace("WHERE school_id = ?",
                "WHERE school_id = ? AND blocked = TRUE"), List.of(school), DETAILS.reader()) : List.<ContactDetail>of();
        var issues = query(c, SELECT_ISSUES, List.of(school), ISSUE_READER);
        Map<String, String> digests = new HashMap<>();
        if (complete) {
            try (PreparedStatement ps = c.prepareStatement("SELECT member_id, digest FROM dir_member_digest WHERE school_id = ?")) {
                ps.setFetchSize(FETCH_SIZE);
                ps.setString(1, school);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        digests.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
        }
        long people = -1;
        if (complete) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM dir_person WHERE school_id = ? AND origin = 'IMPORT'")) {
                ps.setString(1, school);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    people = rs.getLong(1);
                }
            }
        }
        long rows = members.size() + groups.size() + handMade.size() + blocked.size() + issues.size() + digests.size();
        return Optional.of(new SyncBase(school, members, groups, handMade, blocked, issues, digests, people, rows, token,
                complete));
    }

    /** See {@link org.misbridge.api.Directory#loadScope}. */
    static DirectoryState scope(Connection c, String school, SyncBase base, Set<String> memberIds, Set<String> personIds)
            throws SQLException {
        List<Link> links = byIds(c, LINKS.select(), "member_id", school, memberIds, LINKS.reader());
        Set<String> people = new LinkedHashSet<>(personIds);
        links.forEach(l -> people.add(l.personId()));
        var persons = byIds(c, PEOPLE.select(), "id", school, people, PEOPLE.reader());
        Set<String> owners = new LinkedHashSet<>(people);
        owners.addAll(memberIds);
        Map<String, ContactDetail> details = new LinkedHashMap<>();
        byIds(c, DETAILS.select(), "owner_id", school, owners, DETAILS.reader()).forEach(d -> details.put(d.key(), d));
        base.blockedDetails().forEach(d -> details.putIfAbsent(d.key(), d));
        var memberships = byIds(c, MEMBERSHIPS.select(), "member_id", school, memberIds, MEMBERSHIPS.reader());
        return new DirectoryState(school, base.members(), persons, links, new ArrayList<>(details.values()), base.groups(),
                memberships, base.dataIssues());
    }

    /** Writes a sync's digest update on the sync's own connection, inside its transaction. */
    static void write(Connection c, String school, DigestUpdate update, Instant at) throws SQLException {
        boolean inStep = dropState(c, school);
        if (!update.valid() || (!update.replaceAll() && !inStep)) {
            return; // a change to digests something else dropped meanwhile (delivery feedback) would describe stale rows
        }
        if (update.replaceAll()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM dir_member_digest WHERE school_id = ?")) {
                ps.setString(1, school);
                ps.executeUpdate();
            }
        } else {
            Set<String> going = new LinkedHashSet<>(update.dropped());
            going.addAll(update.digests().keySet());
            RowWrites.batchRows(c, school, "dir_member_digest", "delete",
                    "DELETE FROM dir_member_digest WHERE school_id = ? AND member_id = ?",
                    (ps, s, id) -> {
                        ps.setString(1, s);
                        ps.setString(2, id);
                    }, new ArrayList<>(going));
        }
        RowWrites.insert(c, school, "dir_member_digest",
                "INSERT INTO dir_member_digest (school_id, member_id, digest) VALUES (?, ?, ?)",
                (ps, s, e) -> {
                    ps.setString(1, s);
                    ps.setString(2, e.getKey());
                    ps.setString(3, e.getValue());
                }, new ArrayList<>(update.digests().entrySet()));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO dir_digest_state (school_id, written_at, sync_token) VALUES (?, ?, ?)")) {
            ps.setString(1, school);
            ps.setObject(2, at.atOffset(ZoneOffset.UTC));
            ps.setString(3, update.syncToken());
            ps.executeUpdate();
        }
    }

    /**
     * The rows of {@code select} (one school's, by its first parameter) whose {@code column} is one
     * of {@code ids}, the ids bound as one array. On PostgreSQL, {@code = ANY(array)}: one pass
     * over the school's rows at worst, where the old {@code IN} lists of 500 made a query per chunk.
     * H2 looks an {@code IN} list or an array up by index only on an index's first column, and
     * every key here begins with {@code school_id}, so it scanned the school's whole table on a
     * session's first run of each statement (about a second a query at 100,000 students); there
     * the array is joined to the table instead, which looks each id up by key. The rows come in no
     * set order: no caller needs one, and with an {@code ORDER BY} H2 scans in key order instead.
     */
    private static <T> List<T> byIds(Connection c, String select, String column, String school, Collection<String> ids,
            Reader<T> reader) throws SQLException {
        if (ids.isEmpty()) {
            return new ArrayList<>();
        }
        int order = select.indexOf(" ORDER BY ");
        String unordered = order < 0 ? select : select.substring(0, order);
        boolean postgres = Migrations.isPostgres(c);
        String sql = postgres
                ? unordered.replace("WHERE school_id = ?", "WHERE school_id = ? AND " + column + " = ANY(?)")
                : unordered.replace("WHERE school_id = ?",
                        "JOIN UNNEST(CAST(? AS VARCHAR ARRAY)) AS wanted(wanted_id) ON " + column + " = wanted.wanted_id"
                                + " WHERE school_id = ?");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(FETCH_SIZE);
            if (postgres) {
                PgCopy.planEachTime(ps);
            }
            java.sql.Array array = c.createArrayOf("VARCHAR", ids.toArray());
            ps.setArray(postgres ? 2 : 1, array);
            ps.setString(postgres ? 1 : 2, school);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
            return rows;
        }
    }

    private static <T> List<T> query(Connection c, String sql, List<String> params, Reader<T> reader) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(FETCH_SIZE);
            for (int i = 0; i < params.size(); i++) {
                ps.setString(i + 1, params.get(i));
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
            return rows;
        }
    }
}
