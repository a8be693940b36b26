package org.misbridge.mis.oneroster.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
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
    private static final Pattern UPN = Pattern.compile("[A-Za-z]\\d{12}");

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

    Snapshot assemble(RosterRows rows, LocalDate today, Instant readAt) {
        Map<String, UserRow> users = rows.users;
        Map<String, UserRow> students = new LinkedHashMap<>();
        Map<String, UserRow> staff = new LinkedHashMap<>();
        Map<String, UserRow> contacts = new LinkedHashMap<>();
        int ignored = 0;
        for (UserRow user : users.values()) {
            boolean inOrg = orgSourcedId == null || user.orgs().contains(orgSourcedId);
            if (user.role().equals("student") && inOrg) {
                students.put(user.id(), user);
            } else if (RosterRows.STAFF_ROLES.contains(user.role()) && inOrg) {
                staff.put(user.id(), user);
            } else if (RosterRows.CONTACT_ROLES.contains(user.role()) && !user.toBeDeleted()) {
                // a deleted contact is dropped with its links; a disabled login still leaves a parent a parent
                contacts.put(user.id(), user);
            } else {
                ignored++;
            }
        }

        Map<String, ClassRow> classes = new LinkedHashMap<>();
        for (ClassRow row : rows.classes.values()) {
            if (orgSourcedId == null || orgSourcedId.equals(row.schoolId())) {
                classes.put(row.id(), row);
            }
        }

        Map<String, List<EnrollmentRow>> studentEnrollments = new HashMap<>();
        Map<String, Set<String>> members = new HashMap<>();
        int dangling = 0;
        for (EnrollmentRow enrollment : rows.enrollments.values()) {
            if (enrollment.deleted() || (orgSourcedId != null && !orgSourcedId.equals(enrollment.schoolId()))) {
                continue;
            }
            String userId = enrollment.userId();
            if (!users.containsKey(userId)) {
                dangling++;
                LOG.debug("{}: enrollment of {} points at no user", schoolId, userId);
                continue;
            }
            if (!classes.containsKey(enrollment.classId())) {
                LOG.debug("{}: enrollment of {} points at class {} that is not read", schoolId, userId, enrollment.classId());
                continue;
            }
            if (students.containsKey(userId) || staff.containsKey(userId)) {
                members.computeIfAbsent(enrollment.classId(), k -> new LinkedHashSet<>()).add(userId);
            }
            if (enrollment.role().equals("student") && students.containsKey(userId)) {
                studentEnrollments.computeIfAbsent(userId, k -> new ArrayList<>()).add(enrollment);
            }
        }

        List<Student> studentList = new ArrayList<>();
        for (UserRow user : students.values()) {
            List<EnrollmentRow> own = studentEnrollments.getOrDefault(user.id(), List.of());
            studentList.add(new Student(user.id(), upn(user.identifier()), user.givenName(), user.familyName(),
                    yearGroup(user.grades()), registrationGroup(own, classes), enrolment(user, own, today)));
        }

        List<Staff> staffList = new ArrayList<>();
        for (UserRow user : staff.values()) {
            LocalDate leaving = user.toBeDeleted() || !user.enabled() ? leavingDate(user, today) : null;
            staffList.add(new Staff(user.id(), user.givenName(), user.familyName(), user.email(), user.sms(), leaving));
        }

        List<ContactLink> links = new ArrayList<>();
        Map<String, Integer> nextPriority = new HashMap<>();
        Set<String> linked = new LinkedHashSet<>();
        for (UserRow student : students.values()) {
            for (String agent : student.agents()) {
                UserRow contact = contacts.get(agent);
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
        for (UserRow contact : contacts.values()) {
            for (String child : contact.agents()) {
                UserRow student = students.get(child);
                if (student != null) {
                    link(links, nextPriority, linked, student, contact);
                } else if (!users.containsKey(child)) {
                    dangling++;
                    LOG.debug("{}: contact {} lists agent {} that was not read", schoolId, contact.id(), child);
                }
            }
        }

        List<Contact> contactList = new ArrayList<>();
        Set<String> linkedContacts = new LinkedHashSet<>();
        links.forEach(l -> linkedContacts.add(l.contactId()));
        for (UserRow user : contacts.values()) {
            if (orgSourcedId != null && !linkedContacts.contains(user.id())) {
                continue;
            }
            contactList.add(contact(user));
        }

        List<Group> groups = new ArrayList<>();
        for (ClassRow row : classes.values()) {
            groups.add(new Group(row.id(), row.title(), kind(row), !row.deleted() && !row.inactive(),
                    members.getOrDefault(row.id(), Set.of())));
        }

        if (dangling > 0 || ignored > 0) {
            LOG.debug("{}: {} references to missing users skipped, {} users of other roles or orgs ignored", schoolId, dangling, ignored);
        }
        return new Snapshot(schoolId, source, Coverage.WHOLE_ROLL, readAt, studentList, staffList,
                contactList, links, groups, List.of());
    }

    private static GroupKind kind(ClassRow row) {
        return switch (row.classType()) {
            case "homeroom" -> GroupKind.REGISTRATION;
            case "scheduled", "" -> GroupKind.CLASS;
            default -> GroupKind.OTHER;
        };
    }

    private static void link(List<ContactLink> links, Map<String, Integer> nextPriority, Set<String> linked,
            UserRow student, UserRow contact) {
        if (!linked.add(student.id() + '\u0000' + contact.id())) {
            return;
        }
        int priority = nextPriority.merge(student.id(), 1, Integer::sum);
        links.add(new ContactLink(student.id(), contact.id(), priority, ParentalResponsibility.UNKNOWN, contact.role()));
    }

    private static Contact contact(UserRow user) {
        List<Email> emails = new ArrayList<>();
        if (user.email() != null) {
            emails.add(new Email(user.email(), EmailLocation.HOME));
        }
        List<Telephone> telephones = new ArrayList<>();
        if (user.sms() != null) {
            telephones.add(new Telephone(user.sms(), TelephoneType.MOBILE));
        }
        if (user.phone() != null) {
            telephones.add(new Telephone(user.phone(), TelephoneType.HOME));
        }
        return new Contact(user.id(), user.givenName(), user.familyName(), emails, telephones);
    }

    private static @Nullable String upn(@Nullable String identifier) {
        return identifier != null && UPN.matcher(identifier).matches() ? identifier.toUpperCase(Locale.ROOT) : null;
    }

    private static @Nullable String yearGroup(List<String> grades) {
        if (grades.isEmpty()) {
            return null;
        }
        return grades.get(0).replaceFirst("^0+(?=\\d)", "");
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
