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
import org.jspecify.annotations.Nullable;
import org.misbridge.api.model.ApplicationStatus;
import org.misbridge.api.model.Contact;
import org.misbridge.api.model.ContactLink;
import org.misbridge.api.model.Coverage;
import org.misbridge.api.model.Email;
import org.misbridge.api.model.EmailLocation;
import org.misbridge.api.model.Enrolment;
import org.misbridge.api.model.Group;
import org.misbridge.api.model.GroupKind;
import org.misbridge.api.model.ParentalResponsibility;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Staff;
import org.misbridge.api.model.Student;
import org.misbridge.api.model.Telephone;
import org.misbridge.api.model.TelephoneType;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.mis.oneroster.internal.RosterRows.ClassRow;
import org.misbridge.mis.oneroster.internal.RosterRows.EnrollmentRow;
import org.misbridge.mis.oneroster.internal.RosterRows.UserRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one school's OneRoster records into a snapshot, the same way for CSV and REST.
 *
 * <p>Contact priority: OneRoster has no priority field, so a student's contacts are numbered in
 * the order of the student's {@code agentSourcedIds}; contacts that list the student only on
 * their own side come after, in the order their rows were read.
 */
final class SnapshotAssembler {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotAssembler.class);

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

    /** What a user is to this school's snapshot. */
    private enum Part { STUDENT, STAFF, CONTACT, IGNORED }

    private Part part(UserRow user) {
        boolean inOrg = orgSourcedId == null || user.orgs().contains(orgSourcedId);
        if (user.role().equals("student") && inOrg) {
            return Part.STUDENT;
        } else if (RosterRows.STAFF_ROLES.contains(user.role()) && inOrg) {
            return Part.STAFF;
        } else if (RosterRows.CONTACT_ROLES.contains(user.role()) && !user.toBeDeleted()) {
            // a deleted contact is dropped with its links; a disabled login still leaves a parent a parent
            return Part.CONTACT;
        }
        return Part.IGNORED;
    }

    /** The user of {@code id} if it is that part of the snapshot. */
    private @Nullable UserRow user(Map<String, UserRow> users, String id, Part wanted) {
        UserRow user = users.get(id);
        return user != null && part(user) == wanted ? user : null;
    }

    Snapshot assemble(RosterRows rows, LocalDate today, Instant readAt) {
        Map<String, UserRow> users = rows.users;
        // the users split by part, in read order; looked up by id through users rather than
        // copied into maps of their own, as a roll has hundreds of thousands of them
        List<UserRow> students = new ArrayList<>();
        List<UserRow> staff = new ArrayList<>();
        List<UserRow> contacts = new ArrayList<>();
        int ignored = 0;
        for (UserRow user : users.values()) {
            switch (part(user)) {
                case STUDENT -> students.add(user);
                case STAFF -> staff.add(user);
                case CONTACT -> contacts.add(user);
                default -> ignored++;
            }
        }

        Map<String, ClassRow> classes = rows.classes;
        if (orgSourcedId != null) {
            classes = new LinkedHashMap<>();
            for (ClassRow row : rows.classes.values()) {
                if (orgSourcedId.equals(row.schoolId())) {
                    classes.put(row.id(), row);
                }
            }
        }

        Map<String, List<EnrollmentRow>> studentEnrollments = new HashMap<>(capacity(students.size()));
        // lists, not sets: each becomes an immutable set (dropping repeats) once, for its Group
        Map<String, List<String>> members = new HashMap<>(capacity(classes.size()));
        int dangling = 0;
        for (EnrollmentRow enrollment : rows.enrollments.values()) {
            if (enrollment.deleted() || (orgSourcedId != null && !orgSourcedId.equals(enrollment.schoolId()))) {
                continue;
            }
            String userId = enrollment.userId();
            UserRow user = users.get(userId);
            if (user == null) {
                dangling++;
                LOG.debug("{}: enrollment of {} points at no user", schoolId, userId);
                continue;
            }
            if (!classes.containsKey(enrollment.classId())) {
                LOG.debug("{}: enrollment of {} points at class {} that is not read", schoolId, userId, enrollment.classId());
                continue;
            }
            Part part = part(user);
            if (part == Part.STUDENT || part == Part.STAFF) {
                members.computeIfAbsent(enrollment.classId(), k -> new ArrayList<>()).add(userId);
            }
            if (enrollment.role().equals("student") && part == Part.STUDENT) {
                studentEnrollments.computeIfAbsent(userId, k -> new ArrayList<>(2)).add(enrollment);
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
            studentList.add(new Student(user.id(), upn(user.identifier()), user.givenName(), user.familyName(),
                    yearGroup, registrationGroup(own, classes), enrolment(user, own, today)));
        }

        List<Staff> staffList = new ArrayList<>(staff.size());
        for (UserRow user : staff) {
            LocalDate leaving = user.toBeDeleted() || !user.enabled() ? leavingDate(user, today) : null;
            staffList.add(new Staff(user.id(), user.givenName(), user.familyName(), user.email(), user.sms(), leaving));
        }

        List<ContactLink> links = new ArrayList<>();
        Map<String, Integer> nextPriority = new HashMap<>(capacity(students.size()));
        Set<Link> linked = new HashSet<>(capacity(contacts.size())); // about one link per contact
        for (UserRow student : students) {
            for (String agent : student.agents()) {
                UserRow contact = user(users, agent, Part.CONTACT);
                if (contact == null) {
                    if (!users.containsKey(agent)) {
                        dangling++;
                        LOG.debug("{}: student {} lists agent {} that was not read", schoolId, student.id(), agent);
                    }
                    continue;
                }
                link(links, nextPriority, linked, student, contact);
            }
        }
        for (UserRow contact : contacts) {
            for (String child : contact.agents()) {
                UserRow student = user(users, child, Part.STUDENT);
                if (student != null) {
                    link(links, nextPriority, linked, student, contact);
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

        List<Group> groups = new ArrayList<>(classes.size());
        for (ClassRow row : classes.values()) {
            List<String> memberIds = members.get(row.id());
            groups.add(new Group(row.id(), row.title(), kind(row), !row.deleted() && !row.inactive(),
                    memberIds == null ? Set.of() : Set.copyOf(memberIds)));
        }

        if (dangling > 0 || ignored > 0) {
            LOG.debug("{}: {} references to missing users skipped, {} users of other roles or orgs ignored", schoolId, dangling, ignored);
        }
        return new Snapshot(schoolId, source, Coverage.WHOLE_ROLL, readAt, studentList, staffList,
                contactList, links, groups, List.of());
    }

    /** A HashMap capacity that holds {@code size} entries without growing. */
    private static int capacity(int size) {
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

    private static void link(List<ContactLink> links, Map<String, Integer> nextPriority, Set<Link> linked,
            UserRow student, UserRow contact) {
        if (!linked.add(new Link(student.id(), contact.id()))) {
            return;
        }
        int priority = nextPriority.merge(student.id(), 1, Integer::sum);
        links.add(new ContactLink(student.id(), contact.id(), priority, ParentalResponsibility.UNKNOWN, contact.role()));
    }

    /** Immutable lists built directly, which Contact keeps as they are instead of copying. */
    private static Contact contact(UserRow user) {
        List<Email> emails = user.email() == null ? List.of() : List.of(new Email(user.email(), EmailLocation.HOME));
        Telephone mobile = user.sms() == null ? null : new Telephone(user.sms(), TelephoneType.MOBILE);
        Telephone home = user.phone() == null ? null : new Telephone(user.phone(), TelephoneType.HOME);
        List<Telephone> telephones = mobile == null ? (home == null ? List.of() : List.of(home))
                : (home == null ? List.of(mobile) : List.of(mobile, home));
        return new Contact(user.id(), user.givenName(), user.familyName(), emails, telephones);
    }

    /** The identifier if it is a UPN (a letter and 12 digits), upper case; by hand, as it runs per student. */
    private static @Nullable String upn(@Nullable String identifier) {
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
    private static @Nullable String yearGroup(List<String> grades) {
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
            if (row != null && !row.deleted() && !row.inactive() && kind(row) == GroupKind.REGISTRATION) {
                return row.title();
            }
        }
        return null;
    }

    /**
     * A user deleted or disabled is a leaver; all enrolments starting after today make a
     * pre-admission; all ended before today make a leaver; anything else is on roll.
     */
    private static Enrolment enrolment(UserRow user, List<EnrollmentRow> own, LocalDate today) {
        LocalDate earliestBegin = null;
        LocalDate latestEnd = null;
        boolean allFuture = !own.isEmpty();
        boolean allEnded = !own.isEmpty();
        for (EnrollmentRow enrollment : own) {
            LocalDate begin = enrollment.begin();
            LocalDate end = enrollment.end();
            if (begin != null && (earliestBegin == null || begin.isBefore(earliestBegin))) {
                earliestBegin = begin;
            }
            if (end != null && (latestEnd == null || end.isAfter(latestEnd))) {
                latestEnd = end;
            }
            allFuture &= begin != null && begin.isAfter(today);
            allEnded &= end != null && end.isBefore(today);
        }
        if (user.toBeDeleted() || !user.enabled()) {
            return Enrolment.leaver(earliestBegin, leavingDate(user, today));
        }
        if (allFuture) {
            return Enrolment.preAdmission(ApplicationStatus.ACCEPTED, Objects.requireNonNull(earliestBegin));
        }
        if (allEnded) {
            return Enrolment.leaver(earliestBegin, Objects.requireNonNull(latestEnd));
        }
        return Enrolment.onRoll(earliestBegin, null);
    }

    private static LocalDate leavingDate(UserRow user, LocalDate today) {
        return user.lastModified() != null ? user.lastModified() : today;
    }
}
