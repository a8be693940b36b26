package org.misbridge.mis.oneroster.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.model.Contact;
import org.misbridge.api.model.ContactLink;
import org.misbridge.api.model.Coverage;
import org.misbridge.api.model.Email;
import org.misbridge.api.model.EmailLocation;
import org.misbridge.api.model.Group;
import org.misbridge.api.model.GroupKind;
import org.misbridge.api.model.ParentalResponsibility;
import org.misbridge.api.model.ReadIssue;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Staff;
import org.misbridge.api.model.Student;
import org.misbridge.api.model.Telephone;
import org.misbridge.api.model.TelephoneType;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.mis.oneroster.internal.RosterRows.ClassRow;
import org.misbridge.mis.oneroster.internal.RosterRows.EnrollmentRow;
import org.misbridge.mis.oneroster.internal.RosterRows.RoleRow;
import org.misbridge.mis.oneroster.internal.RosterRows.UserRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one school's OneRoster records into a snapshot, the same way for CSV and REST: who is a
 * student, staff or a contact by their roles ({@link Roles}), the roll state by the school-level
 * signals only ({@link RollState}), classes to be deleted left out.
 *
 * <p>Contact priority: OneRoster has no priority field, so a student's contacts are numbered in
 * the order of the student's {@code agentSourcedIds} (DOMAIN.md: the only ranking OneRoster
 * gives); contacts that list the student only on their own side are unranked and share the
 * priority after those (1 when the student lists none), whatever order their rows were read in.
 */
final class SnapshotAssembler {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotAssembler.class);

    /** The data issue kind of a role OneRoster does not define. */
    static final String UNKNOWN_ROLE = "unknown-role";

    /** How an enrolment counts ({@link #counts}), as bits: its user's school-level dates; a class member; a student's own class. */
    static final int SCHOOL_LEVEL = 1;
    static final int MEMBER = 2;
    static final int OWN_CLASS = 4;
    /** An enrolment of no user read. */
    static final int DANGLING = 8;

    private final String schoolId;
    private final String source;
    private final @Nullable String orgSourcedId;

    SnapshotAssembler(String schoolId, String source, @Nullable String orgSourcedId) {
        this.schoolId = schoolId;
        this.source = source;
        this.orgSourcedId = orgSourcedId;
    }

    /** Fails when the configured org is not among the orgs read. */
    void checkOrg(RosterRows rows, String orgsSource) throws MisReadException {
        if (orgSourcedId != null && !rows.orgs.contains(orgSourcedId)) {
            throw new MisReadException(orgsSource, "no org with sourcedId " + orgSourcedId);
        }
    }

    /**
     * What a user is to this school's snapshot, as bits of {@link Roles.Part}: a student or staff
     * role counts at this school's org (any org when none is configured), a family role anywhere;
     * a deleted user is no contact (a disabled login still leaves a parent a parent). A role with no
     * meaning is added to {@code unknown} when given.
     */
    private int parts(UserRow user, @Nullable List<ReadIssue> unknown) {
        int parts = 0;
        if (user.roles().isEmpty()) { // 1.1: one role, at each of the user's orgs
            if (!user.role().isEmpty()) {
                parts = part(user, user.role(), orgSourcedId == null || user.orgs().contains(orgSourcedId));
                if (parts < 0) {
                    parts = 0;
                    addUnknown(unknown, user.source(), user.row(), user.id(), user.role());
                }
            }
            return parts;
        }
        for (RoleRow role : user.roles()) {
            int part = part(user, role.role(), orgSourcedId == null || orgSourcedId.equals(role.orgId()));
            if (part < 0) {
                addUnknown(unknown, role.source(), role.row(), user.id(), role.role());
            } else {
                parts |= part;
            }
        }
        return parts;
    }

    /** The bit of one role, 0 when it does not count here, -1 when it has no meaning. */
    private static int part(UserRow user, String role, boolean atThisSchool) {
        Roles.Part part = Roles.meaning(role);
        if (part == null) {
            return -1;
        }
        return switch (part) {
            case STUDENT, STAFF -> atThisSchool ? part.bit : 0;
            case CONTACT -> user.toBeDeleted() ? 0 : part.bit;
        };
    }

    private static void addUnknown(@Nullable List<ReadIssue> unknown, String source, long row, String userId, String role) {
        if (unknown != null) {
            unknown.add(new ReadIssue(UNKNOWN_ROLE, source, row, "role", userId, MisReadException.quote(role)
                    + " is not a OneRoster role, so user " + MisReadException.quote(userId) + " is not imported under it"));
        }
    }

    private boolean is(UserRow user, Roles.Part part) {
        return (parts(user, null) & part.bit) != 0;
    }

    /** The user of {@code id} if it has that part in the snapshot. */
    private @Nullable UserRow user(Map<String, UserRow> users, String id, Roles.Part wanted) {
        UserRow user = users.get(id);
        return user != null && is(user, wanted) ? user : null;
    }

    Snapshot assemble(RosterRows rows, LocalDate today, Instant readAt) {
        return assemble(rows, today, readAt, List.of());
    }

    /** The snapshot of {@code rows}, carrying {@code readIssues} and the issues found while assembling. */
    Snapshot assemble(RosterRows rows, LocalDate today, Instant readAt, List<ReadIssue> readIssues) {
        Map<String, UserRow> users = rows.users;
        List<ReadIssue> issues = new ArrayList<>(readIssues);
        List<ReadIssue> unknownRoles = new ArrayList<>();
        // the users split by part, in read order; looked up by id through users rather than
        // copied into maps of their own, as a roll has hundreds of thousands of them
        List<UserRow> students = new ArrayList<>();
        List<UserRow> staff = new ArrayList<>();
        List<UserRow> contacts = new ArrayList<>();
        int ignored = 0;
        for (UserRow user : users.values()) {
            int parts = parts(user, unknownRoles);
            if ((parts & Roles.Part.STUDENT.bit) != 0) {
                students.add(user);
            } else if ((parts & Roles.Part.STAFF.bit) != 0) {
                staff.add(user);
            }
            if ((parts & Roles.Part.CONTACT.bit) != 0) {
                contacts.add(user); // a teacher who is also a parent is both
            }
            if (parts == 0) {
                ignored++;
            }
        }
        if (!unknownRoles.isEmpty()) {
            LOG.warn("{}: {} roles are not OneRoster roles and were left out, first {}; each is a data issue", schoolId,
                    unknownRoles.size(), unknownRoles.get(0).describe());
            issues.addAll(unknownRoles);
        }

        Map<String, ClassRow> classes = groupClasses(rows);

        // the links and contacts read only the users: made beside the enrolments' part, on a second core
        ForkJoinTask<Family> family = ForkJoinPool.commonPool().submit(() -> family(users, students, contacts));
        Map<String, List<EnrollmentRow>> studentEnrollments = new HashMap<>(capacity(students.size()));
        Map<String, List<EnrollmentRow>> schoolLevel = new HashMap<>();
        // lists, not sets: each becomes an immutable set (dropping repeats) once, for its Group
        Map<String, List<String>> members = new HashMap<>(capacity(classes.size()));
        int dangling = 0;
        for (EnrollmentRow enrollment : rows.enrollments.values()) {
            UserRow user = users.get(enrollment.userId());
            int counts = counts(enrollment, user, classes);
            if (counts == DANGLING) {
                dangling++;
            } else if ((counts & SCHOOL_LEVEL) != 0) {
                schoolLevel.computeIfAbsent(enrollment.userId(), k -> new ArrayList<>(1)).add(enrollment);
            } else if (user != null) {
                if ((counts & MEMBER) != 0) {
                    // the user's own id: an enrollment read beside the users holds a copy of its own
                    members.computeIfAbsent(enrollment.classId(), k -> new ArrayList<>()).add(user.id());
                }
                if ((counts & OWN_CLASS) != 0) {
                    studentEnrollments.computeIfAbsent(enrollment.userId(), k -> new ArrayList<>(2)).add(enrollment);
                }
            }
        }

        List<Student> studentList = new ArrayList<>(students.size());
        Map<String, String> yearGroups = new HashMap<>(); // one string per year group, not per student
        for (UserRow user : students) {
            List<EnrollmentRow> own = studentEnrollments.getOrDefault(user.id(), List.of());
            String yearGroup = yearGroup(user.grades());
            if (yearGroup != null) {
                yearGroup = yearGroups.computeIfAbsent(yearGroup, g -> g);
            }
            studentList.add(student(user, yearGroup, own, schoolLevel.get(user.id()), classes, today));
        }

        List<Staff> staffList = new ArrayList<>(staff.size());
        for (UserRow user : staff) {
            staffList.add(staff(user, schoolLevel.get(user.id()), today));
        }

        List<Group> groups = new ArrayList<>(classes.size());
        for (ClassRow row : classes.values()) {
            groups.add(group(row, members.get(row.id())));
        }

        Family made = family.join();
        List<ContactLink> links = made.links();
        List<Contact> contactList = made.contacts();
        dangling += made.dangling();
        if (dangling > 0 || ignored > 0) {
            LOG.debug("{}: {} references to missing users skipped, {} users of other roles or orgs ignored", schoolId, dangling, ignored);
        }
        return new Snapshot(schoolId, source, Coverage.WHOLE_ROLL, readAt, studentList, staffList,
                contactList, links, groups, List.of(), issues);
    }

    /** The classes that are groups here: a class to be deleted is none, and its enrolments and registration group go with it. */
    Map<String, ClassRow> groupClasses(RosterRows rows) {
        Map<String, ClassRow> classes = new LinkedHashMap<>();
        for (ClassRow row : rows.classes.values()) {
            if (!row.deleted() && (orgSourcedId == null || orgSourcedId.equals(row.schoolId()))) {
                classes.put(row.id(), row);
            }
        }
        return classes;
    }

    /** How {@code enrollment} of {@code user} (null: none read) counts in the snapshot (0: not at all). */
    int counts(EnrollmentRow enrollment, @Nullable UserRow user, Map<String, ClassRow> classes) {
        if (enrollment.deleted() || (orgSourcedId != null && !orgSourcedId.equals(enrollment.schoolId()))) {
            return 0;
        }
        if (user == null) {
            LOG.debug("{}: enrollment of {} points at no user", schoolId, enrollment.userId());
            return DANGLING;
        }
        if (enrollment.schoolLevel()) {
            return SCHOOL_LEVEL;
        }
        if (!classes.containsKey(enrollment.classId())) {
            LOG.debug("{}: enrollment of {} points at class {} that is not read or is deleted", schoolId, user.id(),
                    enrollment.classId());
            return 0;
        }
        int parts = parts(user, null);
        boolean student = (parts & Roles.Part.STUDENT.bit) != 0;
        int counts = student || (parts & Roles.Part.STAFF.bit) != 0 ? MEMBER : 0;
        return enrollment.role().equals("student") && student ? counts | OWN_CLASS : counts;
    }

    Student student(UserRow user, @Nullable String yearGroup, List<EnrollmentRow> own,
            @Nullable List<EnrollmentRow> schoolLevel, Map<String, ClassRow> classes, LocalDate today) {
        RollState roll = timeAtSchool(user, Roles.Part.STUDENT, schoolLevel, today);
        return new Student(user.id(), upn(user.identifier()), user.givenName(), user.familyName(), yearGroup,
                registrationGroup(own, classes), roll.student(user.toBeDeleted(), !user.enabled(), user.lastModified()));
    }

    Staff staff(UserRow user, @Nullable List<EnrollmentRow> schoolLevel, LocalDate today) {
        LocalDate leaving = timeAtSchool(user, Roles.Part.STAFF, schoolLevel, today)
                .staffLeaving(user.toBeDeleted() || !user.enabled(), user.lastModified());
        return new Staff(user.id(), user.givenName(), user.familyName(), user.email(), user.sms(), leaving);
    }

    static Group group(ClassRow row, @Nullable List<String> memberIds) {
        return new Group(row.id(), row.title(), kind(row), !row.inactive(), memberIds == null ? Set.of() : Set.copyOf(memberIds));
    }

    /** The links and the contacts of a roll, and how many agents they name that were not read. */
    private record Family(List<ContactLink> links, List<Contact> contacts, int dangling) {
    }

    /** Reads only the users: it runs beside the enrolments' part of the snapshot. */
    private Family family(Map<String, UserRow> users, List<UserRow> students, List<UserRow> contacts) {
        int dangling = 0;
        List<ContactLink> links = new ArrayList<>(contacts.size() + students.size()); // about 1.8 contacts a student
        Map<String, Integer> nextPriority = new HashMap<>(capacity(students.size()));
        Set<Link> linked = new HashSet<>(capacity(contacts.size())); // about one link per contact
        for (UserRow student : students) {
            for (String agent : student.agents()) {
                UserRow contact = user(users, agent, Roles.Part.CONTACT);
                if (contact == null) {
                    if (!users.containsKey(agent)) {
                        dangling++;
                        LOG.debug("{}: student {} lists agent {} that was not read", schoolId, student.id(), agent);
                    }
                    continue;
                }
                if (!linked.contains(new Link(student.id(), contact.id()))) { // listed twice: the first place stands
                    link(links, linked, student, contact, nextPriority.merge(student.id(), 1, Integer::sum));
                }
            }
        }
        for (UserRow contact : contacts) {
            for (String child : contact.agents()) {
                UserRow student = user(users, child, Roles.Part.STUDENT);
                if (student != null) {
                    // unranked: one priority for all, after the student's own list, so row order never ranks
                    link(links, linked, student, contact, nextPriority.getOrDefault(student.id(), 0) + 1);
                } else if (!users.containsKey(child)) {
                    dangling++;
                    LOG.debug("{}: contact {} lists agent {} that was not read", schoolId, contact.id(), child);
                }
            }
        }

        List<Contact> contactList = new ArrayList<>(contacts.size());
        Set<String> linkedContacts = new HashSet<>();
        if (orgSourcedId != null) {
            links.forEach(l -> linkedContacts.add(l.contactId()));
        }
        for (UserRow user : contacts) {
            if (orgSourcedId != null && !linkedContacts.contains(user.id())) {
                continue;
            }
            contactList.add(contact(user));
        }
        return new Family(links, contactList, dangling);
    }

    /**
     * Whether a user's new row leaves their part, links, classes and time at the school as the old
     * one's did ({@link SnapshotPatch}): there before and after, enabled and not deleted, the same role,
     * orgs and agents (OneRoster 1.1), and no role without a meaning.
     */
    boolean sameStanding(UserRow before, UserRow after) {
        List<ReadIssue> unknown = new ArrayList<>(0);
        parts(after, unknown);
        return unknown.isEmpty() && sameRoles(before.roles(), after.roles()) && before.enabled() && after.enabled()
                && !before.toBeDeleted() && !after.toBeDeleted() && before.role().equals(after.role())
                && before.orgs().equals(after.orgs()) && before.agents().equals(after.agents());
    }

    /**
     * The same 1.2 roles in the same order (none, in 1.1): each the same role, type, org and dates,
     * wherever in its file it was read. The user's part and time at the school follow from these alone.
     */
    private static boolean sameRoles(List<RoleRow> before, List<RoleRow> after) {
        if (before.size() != after.size()) {
            return false;
        }
        for (int i = 0; i < before.size(); i++) {
            RoleRow a = before.get(i);
            RoleRow b = after.get(i);
            if (!a.role().equals(b.role()) || a.primary() != b.primary() || !a.orgId().equals(b.orgId())
                    || !Objects.equals(a.begin(), b.begin()) || !Objects.equals(a.end(), b.end()) || a.deleted() != b.deleted()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The user's time at this school as the school-level signals give it: the dates of their 1.2
     * roles of that part at this school's org (where a role has any), and their school-level enrolments (students' for a
     * student, the others' for staff).
     */
    private RollState timeAtSchool(UserRow user, Roles.Part part, @Nullable List<EnrollmentRow> schoolLevel, LocalDate today) {
        RollState roll = new RollState(today);
        for (RoleRow role : user.roles()) {
            // a role without dates says nothing of when, only what
            if ((role.begin() != null || role.end() != null) && Roles.meaning(role.role()) == part
                    && (orgSourcedId == null || orgSourcedId.equals(role.orgId()))) {
                roll.span(role.begin(), role.end());
            }
        }
        if (schoolLevel != null) {
            for (EnrollmentRow e : schoolLevel) {
                if (e.role().equals("student") == (part == Roles.Part.STUDENT)) {
                    roll.span(e.begin(), e.end());
                }
            }
        }
        return roll;
    }

    /** A HashMap capacity that holds {@code size} entries without growing. */
    static int capacity(int size) {
        return (int) Math.min(1 << 30, size / 0.75 + 1);
    }

    private static GroupKind kind(ClassRow row) {
        return switch (row.classType()) {
            case "homeroom" -> GroupKind.REGISTRATION;
            case "scheduled", "" -> GroupKind.CLASS;
            default -> GroupKind.OTHER;
        };
    }

    /** A student-contact pair, linked once however many times the files list it. */
    private record Link(String studentId, String contactId) {
    }

    private static void link(List<ContactLink> links, Set<Link> linked, UserRow student, UserRow contact, int priority) {
        if (!linked.add(new Link(student.id(), contact.id()))) {
            return;
        }
        links.add(new ContactLink(student.id(), contact.id(), priority, ParentalResponsibility.UNKNOWN, contactRole(contact)));
    }

    /** The family role a contact is linked under: their one role in 1.1, their first parent, guardian or relative role in 1.2. */
    private static String contactRole(UserRow user) {
        for (RoleRow role : user.roles()) {
            if (Roles.meaning(role.role()) == Roles.Part.CONTACT) {
                return role.role();
            }
        }
        return user.role();
    }

    /** Immutable lists built directly, which Contact keeps as they are instead of copying. */
    static Contact contact(UserRow user) {
        List<Email> emails = user.email() == null ? List.of() : List.of(new Email(user.email(), EmailLocation.HOME));
        Telephone mobile = user.sms() == null ? null : new Telephone(user.sms(), TelephoneType.MOBILE);
        Telephone home = user.phone() == null ? null : new Telephone(user.phone(), TelephoneType.HOME);
        List<Telephone> telephones = mobile == null ? (home == null ? List.of() : List.of(home))
                : (home == null ? List.of(mobile) : List.of(mobile, home));
        return new Contact(user.id(), user.givenName(), user.familyName(), emails, telephones);
    }

    /** The identifier if it is a UPN (a letter and 12 digits), upper case; by hand, as it runs per student. */
    static @Nullable String upn(@Nullable String identifier) {
        if (identifier == null || identifier.length() != 13 || !isAsciiLetter(identifier.charAt(0))) {
            return null;
        }
        for (int i = 1; i < 13; i++) {
            if (!isAsciiDigit(identifier.charAt(i))) {
                return null;
            }
        }
        return identifier.toUpperCase(Locale.ROOT);
    }

    /**
     * The first grade without leading zeros ("07" is 7), as {@code replaceFirst("^0+(?=\\d)", "")}
     * would: zeros go only while a digit follows, so "0" and "00" keep one and "00A" is "0A".
     */
    static @Nullable String yearGroup(List<String> grades) {
        if (grades.isEmpty()) {
            return null;
        }
        String grade = grades.get(0);
        int zeros = 0;
        while (zeros < grade.length() && grade.charAt(zeros) == '0') {
            zeros++;
        }
        int cut = zeros < grade.length() && isAsciiDigit(grade.charAt(zeros)) ? zeros : zeros - 1;
        return cut > 0 ? grade.substring(cut) : grade;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static @Nullable String registrationGroup(List<EnrollmentRow> own, Map<String, ClassRow> classes) {
        for (EnrollmentRow enrollment : own) {
            ClassRow row = classes.get(enrollment.classId());
            if (row != null && !row.inactive() && kind(row) == GroupKind.REGISTRATION) {
                return row.title();
            }
        }
        return null;
    }
}
