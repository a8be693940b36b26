package org.misbridge.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DataIssue;
import org.misbridge.api.directory.DetailKind;
import org.misbridge.api.directory.DirectoryGroup;
import org.misbridge.api.directory.GroupMembership;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.model.ApplicationStatus;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.api.model.GroupKind;
import org.misbridge.api.model.ParentalResponsibility;

/** How each kind of directory row maps to its table: the SQL and the binding of its columns. */
final class DirectoryTables {

    private DirectoryTables() {
    }

    /** Binds one row's parameters, school id included, to a prepared statement. */
    @FunctionalInterface
    interface Binder<T> {
        void bind(RowParams ps, String schoolId, T row) throws SQLException;
    }

    /** Reads one row from a result set. */
    @FunctionalInterface
    interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** The SQL and mapping of one kind of directory row. */
    record Table<T>(
            String name,
            String select,
            String insert,
            Binder<T> insertBinder,
            @Nullable String update,
            @Nullable Binder<T> updateBinder,
            String delete,
            Binder<T> deleteBinder,
            Reader<T> reader) {
    }

    static final Table<Member> MEMBERS = new Table<>("dir_member",
            "SELECT id, kind, given_name, family_name, year_group, registration_group, state, application_status,"
                    + " admission_date, leaving_date, origin FROM dir_member WHERE school_id = ? ORDER BY id",
            "INSERT INTO dir_member (school_id, id, kind, given_name, family_name, year_group, registration_group,"
                    + " state, application_status, admission_date, leaving_date, origin)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (ps, school, m) -> {
                ps.setString(1, school);
                ps.setString(2, m.id());
                bindMemberColumns(ps, 3, m);
            },
            "UPDATE dir_member SET kind = ?, given_name = ?, family_name = ?, year_group = ?, registration_group = ?,"
                    + " state = ?, application_status = ?, admission_date = ?, leaving_date = ?, origin = ?"
                    + " WHERE school_id = ? AND id = ?",
            (ps, school, m) -> {
                bindMemberColumns(ps, 1, m);
                ps.setString(11, school);
                ps.setString(12, m.id());
            },
            "DELETE FROM dir_member WHERE school_id = ? AND id = ?",
            (ps, school, m) -> {
                ps.setString(1, school);
                ps.setString(2, m.id());
            },
            rs -> new Member(
                    rs.getString(1),
                    MemberKind.valueOf(rs.getString(2)),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    EnrolmentState.valueOf(rs.getString(7)),
                    nullableEnum(ApplicationStatus.class, rs.getString(8)),
                    rs.getObject(9, LocalDate.class),
                    rs.getObject(10, LocalDate.class),
                    Origin.valueOf(rs.getString(11))));

    static final Table<LinkedPerson> PEOPLE = new Table<>("dir_person",
            "SELECT id, given_name, family_name, origin FROM dir_person WHERE school_id = ? ORDER BY id",
            "INSERT INTO dir_person (school_id, id, given_name, family_name, origin) VALUES (?, ?, ?, ?, ?)",
            (ps, school, p) -> {
                ps.setString(1, school);
                ps.setString(2, p.id());
                ps.setString(3, p.givenName());
                ps.setString(4, p.familyName());
                ps.setString(5, p.origin().name());
            },
            "UPDATE dir_person SET given_name = ?, family_name = ?, origin = ? WHERE school_id = ? AND id = ?",
            (ps, school, p) -> {
                ps.setString(1, p.givenName());
                ps.setString(2, p.familyName());
                ps.setString(3, p.origin().name());
                ps.setString(4, school);
                ps.setString(5, p.id());
            },
            "DELETE FROM dir_person WHERE school_id = ? AND id = ?",
            (ps, school, p) -> {
                ps.setString(1, school);
                ps.setString(2, p.id());
            },
            rs -> new LinkedPerson(rs.getString(1), rs.getString(2), rs.getString(3), Origin.valueOf(rs.getString(4))));

    static final Table<Link> LINKS = new Table<>("dir_link",
            "SELECT member_id, person_id, priority, prime, relationship, parental_responsibility, origin"
                    + " FROM dir_link WHERE school_id = ? ORDER BY member_id, person_id",
            "INSERT INTO dir_link (school_id, member_id, person_id, priority, prime, relationship,"
                    + " parental_responsibility, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (ps, school, l) -> {
                ps.setString(1, school);
                ps.setString(2, l.memberId());
                ps.setString(3, l.personId());
                ps.setInt(4, l.priority());
                ps.setBoolean(5, l.prime());
                ps.setString(6, l.relationship());
                ps.setString(7, l.parentalResponsibility().name());
                ps.setString(8, l.origin().name());
            },
            "UPDATE dir_link SET priority = ?, prime = ?, relationship = ?, parental_responsibility = ?, origin = ?"
                    + " WHERE school_id = ? AND member_id = ? AND person_id = ?",
            (ps, school, l) -> {
                ps.setInt(1, l.priority());
                ps.setBoolean(2, l.prime());
                ps.setString(3, l.relationship());
                ps.setString(4, l.parentalResponsibility().name());
                ps.setString(5, l.origin().name());
                ps.setString(6, school);
                ps.setString(7, l.memberId());
                ps.setString(8, l.personId());
            },
            "DELETE FROM dir_link WHERE school_id = ? AND member_id = ? AND person_id = ?",
            (ps, school, l) -> {
                ps.setString(1, school);
                ps.setString(2, l.memberId());
                ps.setString(3, l.personId());
            },
            rs -> new Link(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getInt(3),
                    rs.getBoolean(4),
                    rs.getString(5),
                    ParentalResponsibility.valueOf(rs.getString(6)),
                    Origin.valueOf(rs.getString(7))));

    static final Table<ContactDetail> DETAILS = new Table<>("dir_detail",
            "SELECT owner_id, kind, detail_value, blocked, origin FROM dir_detail WHERE school_id = ?"
                    + " ORDER BY owner_id, kind, detail_value",
            "INSERT INTO dir_detail (school_id, owner_id, kind, detail_value, blocked, origin) VALUES (?, ?, ?, ?, ?, ?)",
            (ps, school, d) -> {
                ps.setString(1, school);
                ps.setString(2, d.ownerId());
                ps.setString(3, d.kind().name());
                ps.setString(4, d.value());
                ps.setBoolean(5, d.blocked());
                ps.setString(6, d.origin().name());
            },
            "UPDATE dir_detail SET blocked = ?, origin = ?"
                    + " WHERE school_id = ? AND owner_id = ? AND kind = ? AND detail_value = ?",
            (ps, school, d) -> {
                ps.setBoolean(1, d.blocked());
                ps.setString(2, d.origin().name());
                ps.setString(3, school);
                ps.setString(4, d.ownerId());
                ps.setString(5, d.kind().name());
                ps.setString(6, d.value());
            },
            "DELETE FROM dir_detail WHERE school_id = ? AND owner_id = ? AND kind = ? AND detail_value = ?",
            (ps, school, d) -> {
                ps.setString(1, school);
                ps.setString(2, d.ownerId());
                ps.setString(3, d.kind().name());
                ps.setString(4, d.value());
            },
            rs -> new ContactDetail(
                    rs.getString(1),
                    DetailKind.valueOf(rs.getString(2)),
                    rs.getString(3),
                    rs.getBoolean(4),
                    Origin.valueOf(rs.getString(5))));

    static final Table<DirectoryGroup> GROUPS = new Table<>("dir_group",
            "SELECT id, name, kind, active, origin FROM dir_group WHERE school_id = ? ORDER BY id",
            "INSERT INTO dir_group (school_id, id, name, kind, active, origin) VALUES (?, ?, ?, ?, ?, ?)",
            (ps, school, g) -> {
                ps.setString(1, school);
                ps.setString(2, g.id());
                ps.setString(3, g.name());
                ps.setString(4, g.kind().name());
                ps.setBoolean(5, g.active());
                ps.setString(6, g.origin().name());
            },
            "UPDATE dir_group SET name = ?, kind = ?, active = ?, origin = ? WHERE school_id = ? AND id = ?",
            (ps, school, g) -> {
                ps.setString(1, g.name());
                ps.setString(2, g.kind().name());
                ps.setBoolean(3, g.active());
                ps.setString(4, g.origin().name());
                ps.setString(5, school);
                ps.setString(6, g.id());
            },
            "DELETE FROM dir_group WHERE school_id = ? AND id = ?",
            (ps, school, g) -> {
                ps.setString(1, school);
                ps.setString(2, g.id());
            },
            rs -> new DirectoryGroup(
                    rs.getString(1),
                    rs.getString(2),
                    GroupKind.valueOf(rs.getString(3)),
                    rs.getBoolean(4),
                    Origin.valueOf(rs.getString(5))));

    // a membership is all key: there is nothing to update
    static final Table<GroupMembership> MEMBERSHIPS = new Table<>("dir_group_member",
            "SELECT group_id, member_id FROM dir_group_member WHERE school_id = ? ORDER BY group_id, member_id",
            "INSERT INTO dir_group_member (school_id, group_id, member_id) VALUES (?, ?, ?)",
            (ps, school, gm) -> {
                ps.setString(1, school);
                ps.setString(2, gm.groupId());
                ps.setString(3, gm.memberId());
            },
            null,
            null,
            "DELETE FROM dir_group_member WHERE school_id = ? AND group_id = ? AND member_id = ?",
            (ps, school, gm) -> {
                ps.setString(1, school);
                ps.setString(2, gm.groupId());
                ps.setString(3, gm.memberId());
            },
            rs -> new GroupMembership(rs.getString(1), rs.getString(2)));

    static final String SELECT_ISSUES =
            "SELECT kind, member_id, person_id, field, reason FROM dir_data_issue WHERE school_id = ? ORDER BY seq";
    static final Reader<DataIssue> ISSUE_READER = rs -> new DataIssue(
            rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));

    static final String SELECT_RUN = "SELECT started_at, finished_at, outcome, created, updated, removed,"
            + " message, host, scheduled_for, rows_read, rows_compared, rows_loaded, rows_written FROM dir_sync_run WHERE school_id = ? ORDER BY run_no DESC FETCH FIRST 1 ROWS ONLY";

    static final String SELECT_GOOD_RUN = SELECT_RUN.replace("WHERE school_id = ?",
            "WHERE school_id = ? AND outcome = 'SUCCESS'");

    static void bindMemberColumns(RowParams ps, int first, Member m) throws SQLException {
        int i = first;
        ps.setString(i++, m.kind().name());
        ps.setString(i++, m.givenName());
        ps.setString(i++, m.familyName());
        ps.setString(i++, m.yearGroup());
        ps.setString(i++, m.registrationGroup());
        ps.setString(i++, m.state().name());
        ps.setString(i++, m.applicationStatus() == null ? null : m.applicationStatus().name());
        setDate(ps, i++, m.admissionDate());
        setDate(ps, i++, m.leavingDate());
        ps.setString(i, m.origin().name());
    }

    static void setDate(RowParams ps, int index, @Nullable LocalDate date) throws SQLException {
        if (date == null) {
            ps.setNull(index, Types.DATE);
        } else {
            ps.setObject(index, date);
        }
    }

    static <E extends Enum<E>> @Nullable E nullableEnum(Class<E> type, @Nullable String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

    /**
     * The school's next number in {@code table.column} ({@code first} when it has none); safe under
     * the school's write lock, which every writer holds.
     */
    /** The first column of a query's rows as strings, the parameters bound in order. */
    static List<String> strings(Connection c, String sql, String... params) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    static long nextNumber(Connection c, String table, String column, String school, long first)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(" + column + ") + 1, " + first + ") FROM "
                + table + " WHERE school_id = ?")) {
            ps.setString(1, school);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
