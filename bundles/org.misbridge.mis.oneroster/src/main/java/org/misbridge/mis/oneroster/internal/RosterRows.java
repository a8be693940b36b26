package org.misbridge.mis.oneroster.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.spi.MisReadException;

/**
 * The OneRoster records of one read, keyed by sourcedId, whether they came from CSV or REST. A
 * delta (CSV delta set, REST {@code dateLastModified} filter) is applied by putting its records
 * over these: the later record of a sourcedId wins, and one marked {@code tobedeleted} stays as
 * such so the snapshot can make a leaver of it.
 */
final class RosterRows {

    /**
     * A user; in 1.2 {@code role} (the primary role) and {@code orgs} are empty until the roles are
     * applied, and {@code roles} then holds all of the user's roles (in 1.1 it stays empty: the one
     * role is {@code role} at each of {@code orgs}).
     */
    record UserRow(String source, long row, String id, String role, boolean enabled, boolean toBeDeleted,
            @Nullable LocalDate lastModified, List<String> orgs, String givenName, String familyName,
            @Nullable String identifier, @Nullable String email, @Nullable String sms, @Nullable String phone,
            List<String> agents, List<String> grades, List<RoleRow> roles) {

        /** The same user, read at row {@code number} of its file. */
        UserRow atRow(long number) {
            return new UserRow(source, number, id, role, enabled, toBeDeleted, lastModified, orgs, givenName,
                    familyName, identifier, email, sms, phone, agents, grades, roles);
        }

        UserRow withRoles(String primaryRole, List<String> newOrgs, List<RoleRow> allRoles) {
            return new UserRow(source, row, id, primaryRole, enabled, toBeDeleted, lastModified, newOrgs, givenName,
                    familyName, identifier, email, sms, phone, agents, grades, allRoles);
        }
    }

    record ClassRow(String id, String title, String classType, @Nullable String schoolId, boolean deleted, boolean inactive) {
    }

    /** An enrolment in a class, or with no class a school-level one: the dates of joining and leaving the school. */
    record EnrollmentRow(String id, @Nullable String classId, String userId, String role, @Nullable String schoolId,
            @Nullable LocalDate begin, @Nullable LocalDate end, boolean deleted) {

        boolean schoolLevel() {
            return classId == null;
        }
    }

    /** A 1.2 role: one role of one user at one org, from its begin date to its end date where given. */
    record RoleRow(String source, long row, String id, String userId, String role, boolean primary, String orgId,
            @Nullable LocalDate begin, @Nullable LocalDate end, boolean deleted) {
    }

    final Set<String> orgs = new LinkedHashSet<>();
    // not final: sized from the file before the first row (#expectUsers), as a grown table is copied at every step
    Map<String, UserRow> users = new LinkedHashMap<>();
    // not final: a read that parsed them on a second core hands its maps over (see #take) rather than copying them
    Map<String, ClassRow> classes = new LinkedHashMap<>();
    Map<String, EnrollmentRow> enrollments = new LinkedHashMap<>();
    final Map<String, RoleRow> roles = new LinkedHashMap<>();

    // bounded, so a delta applied onto these rows shares its values with theirs at no growing cost
    private final Shared shared = new Shared();

    /** A file's rows, guessed from its size: most OneRoster rows are longer than this many bytes. */
    private static final int BYTES_A_ROW = 128;
    /** No guess makes a table for more rows than this: a larger file grows it as it is read. */
    private static final int MOST_EXPECTED = 1 << 20;

    /**
     * Sizes the users map, while still empty, for a users file of {@code bytes} (negative: not
     * known): at 100,000 students it would otherwise be rehashed three times past a megabyte, each
     * table a large object the collector may start on.
     */
    void expectUsers(long bytes) {
        if (users.isEmpty() && bytes > 0) {
            users = new LinkedHashMap<>(SnapshotAssembler.capacity(rowsIn(bytes)));
        }
    }

    /** As {@link #expectUsers}, for the enrollments map and an enrollments file. */
    void expectEnrollments(long bytes) {
        if (enrollments.isEmpty() && bytes > 0) {
            enrollments = new LinkedHashMap<>(SnapshotAssembler.capacity(rowsIn(bytes)));
        }
    }

    private static int rowsIn(long bytes) {
        return (int) Math.min(MOST_EXPECTED, bytes / BYTES_A_ROW);
    }

    /** Takes the classes and enrollments {@code other} read, these rows holding none yet. */
    void take(RosterRows other) {
        if (!classes.isEmpty() || !enrollments.isEmpty()) {
            throw new IllegalStateException("classes or enrollments read twice");
        }
        classes = other.classes;
        enrollments = other.enrollments;
    }

    UserRow user(String source, Fields f, boolean v12) throws MisReadException {
        String id = f.required("sourcedId");
        String role = v12 ? "" : shared.share(f.required("role").toLowerCase(Locale.ROOT));
        return new UserRow(source, f.number(), id, role, f.bool("enabledUser", true), f.deleted(),
                shared.share(f.date("dateLastModified")), shared.shareAll(f.list("orgSourcedIds")),
                shared.share(f.getOrEmpty("givenName")), shared.share(f.getOrEmpty("familyName")), f.get("identifier"),
                f.get("email"), f.get("sms"), f.get("phone"), userIds(f.list("agentSourcedIds")), shared.shareAll(f.list("grades")),
                List.of());
    }

    ClassRow classRow(Fields f) throws MisReadException {
        String id = f.required("sourcedId");
        String title = f.get("title");
        String status = f.getOrEmpty("status").toLowerCase(Locale.ROOT);
        return new ClassRow(id, title == null ? id : title, shared.share(f.getOrEmpty("classType").toLowerCase(Locale.ROOT)),
                shared.shareOrNull(f.get("schoolSourcedId")), status.equals("tobedeleted"), status.equals("inactive"));
    }

    /**
     * An enrollment, holding the user's and class's own id strings where these are already read. One
     * without a class is a school-level enrolment, as some providers send for joining and leaving dates.
     */
    EnrollmentRow enrollment(Fields f) throws MisReadException {
        String id = f.required("sourcedId"); // the fields in this order, so a row missing several names the first
        String classId = f.get("classSourcedId");
        String userId = f.required("userSourcedId");
        ClassRow c = classId == null ? null : classes.get(classId);
        UserRow u = users.get(userId);
        EnrollmentRow row = new EnrollmentRow(id, c == null ? classId : c.id(), u == null ? userId : u.id(), shared.share(f.required("role").toLowerCase(Locale.ROOT)),
                shared.shareOrNull(f.get("schoolSourcedId")), shared.share(f.date("beginDate")),
                shared.share(f.date("endDate")), f.deleted());
        f.date("dateLastModified"); // only checked: a row with a broken date is not trusted
        return row;
    }

    RoleRow role(String source, Fields f, String id) throws MisReadException {
        String type = f.required("roleType").toLowerCase(Locale.ROOT);
        if (!type.equals("primary") && !type.equals("secondary")) {
            throw f.fail("roleType", "roleType " + MisReadException.quote(f.getOrEmpty("roleType")) + " is not primary or secondary", null);
        }
        return new RoleRow(source, f.number(), id, f.required("userSourcedId"),
                shared.share(f.required("role").toLowerCase(Locale.ROOT)), type.equals("primary"),
                shared.share(f.required("orgSourcedId")), shared.share(f.date("beginDate")), shared.share(f.date("endDate")),
                f.deleted());
    }

    /** The ids with each id of a user already read replaced by that user's own id string. */
    private List<String> userIds(List<String> ids) {
        if (ids.size() == 1) {
            UserRow user = users.get(ids.get(0));
            return user == null ? ids : Collections.singletonList(user.id());
        }
        String[] all = ids.toArray(new String[0]);
        for (int i = 0; i < all.length; i++) {
            UserRow user = users.get(all[i]);
            if (user != null) {
                all[i] = user.id();
            }
        }
        return all.length == 0 ? ids : Collections.unmodifiableList(Arrays.asList(all));
    }

    /**
     * Gives each 1.2 user all their roles, the primary one (else the first) as their role and the
     * orgs of all of them. A role of a missing user, or a user who never had a role, fails the read;
     * a user whose roles were all deleted keeps none and so is no part of the snapshot.
     */
    void applyRoles(String usersSource, String rolesSource) throws MisReadException {
        Map<String, List<RoleRow>> byUser = new LinkedHashMap<>();
        Set<String> hadRole = new HashSet<>();
        for (RoleRow r : roles.values()) {
            if (!users.containsKey(r.userId())) {
                if (r.deleted()) {
                    continue;
                }
                throw new MisReadException(r.source(), r.row(), "userSourcedId", "no user " + MisReadException.quote(r.userId())
                        + " in " + usersSource, null);
            }
            hadRole.add(r.userId());
            if (!r.deleted()) {
                byUser.computeIfAbsent(r.userId(), k -> new ArrayList<>(2)).add(r);
            }
        }
        for (Map.Entry<String, UserRow> entry : users.entrySet()) {
            UserRow u = entry.getValue();
            entry.setValue(withOwnRoles(u, byUser.get(u.id()), hadRole.contains(u.id()), rolesSource));
        }
    }

    /**
     * As {@link #applyRoles}, for the users of {@code rolesByUser} only (a REST delta's, each with the
     * roles that came with it, deleted ones too); every other user keeps the roles already applied.
     */
    void applyRolesOf(Map<String, List<RoleRow>> rolesByUser, String rolesSource) throws MisReadException {
        for (Map.Entry<String, List<RoleRow>> e : rolesByUser.entrySet()) {
            UserRow u = users.get(e.getKey());
            if (u == null) {
                continue;
            }
            List<RoleRow> live = e.getValue().stream().filter(r -> !r.deleted()).toList();
            users.put(u.id(), withOwnRoles(u, live.isEmpty() ? null : live, !e.getValue().isEmpty(), rolesSource));
        }
    }

    /** The user with {@code own} roles (null: none that stand), the primary one (else the first) its role. */
    private UserRow withOwnRoles(UserRow u, @Nullable List<RoleRow> own, boolean hadRole, String rolesSource)
            throws MisReadException {
        if (own == null) {
            if (!u.toBeDeleted() && !hadRole) { // a deleted user's roles may be gone with it
                throw new MisReadException(u.source(), u.row(), "sourcedId", "user " + MisReadException.quote(u.id())
                        + " has no role in " + rolesSource, null);
            }
            return u.withRoles("", List.of(), List.of());
        }
        RoleRow main = own.stream().filter(RoleRow::primary).findFirst().orElse(own.get(0));
        List<String> orgIds = own.size() == 1 ? List.of(main.orgId()) : own.stream().map(RoleRow::orgId).distinct().toList();
        return u.withRoles(main.role(), shared.shareAll(orgIds), List.copyOf(own));
    }
}
