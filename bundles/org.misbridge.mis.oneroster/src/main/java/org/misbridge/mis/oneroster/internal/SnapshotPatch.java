package org.misbridge.mis.oneroster.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.model.Contact;
import org.misbridge.api.model.Group;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Staff;
import org.misbridge.api.model.Student;
import org.misbridge.mis.oneroster.internal.RosterRows.ClassRow;
import org.misbridge.mis.oneroster.internal.RosterRows.EnrollmentRow;
import org.misbridge.mis.oneroster.internal.RosterRows.UserRow;

/** A snapshot made again from the last one for a delta that changed only some users' own details, or some enrolments. */
final class SnapshotPatch {

    private SnapshotPatch() {
    }

    /**
     * {@code kept} (the snapshot of the records before a delta) with the records of the users the
     * delta replaced made again from their new rows, read at {@code readAt}; null when that is not
     * enough and the whole snapshot must be assembled. It is enough when every replaced user was
     * there before, is enabled and not deleted before and after, and has the same role, orgs and
     * agents (and in OneRoster 1.2 the same roles, each with its type, org and dates): their part in the snapshot, their links, their class memberships and
     * their time at the school are then as before, and only their names, identifier, grades, email
     * and telephones can differ. The lists keep kept's order; a whole assembly would move a replaced
     * user to the end, which no plan reads.
     */
    static @Nullable Snapshot patched(SnapshotAssembler assembler, Snapshot kept, Map<String, @Nullable UserRow> replaced,
            Map<String, UserRow> users, Instant readAt) {
        Map<String, UserRow> now = new HashMap<>(SnapshotAssembler.capacity(replaced.size()));
        for (Map.Entry<String, @Nullable UserRow> e : replaced.entrySet()) {
            UserRow before = e.getValue();
            UserRow after = users.get(e.getKey());
            if (before == null || after == null || !assembler.sameStanding(before, after)) {
                return null;
            }
            now.put(after.id(), after);
        }
        List<Student> students = kept.students();
        List<Staff> staff = kept.staff();
        List<Contact> contacts = kept.contacts();
        if (!now.isEmpty()) {
            students = new ArrayList<>(students.size());
            for (Student s : kept.students()) {
                UserRow u = now.get(s.id());
                students.add(u == null ? s : new Student(s.id(), SnapshotAssembler.upn(u.identifier()), u.givenName(), u.familyName(),
                        SnapshotAssembler.yearGroup(u.grades()), s.registrationGroup(), s.enrolment()));
            }
            staff = new ArrayList<>(staff.size());
            for (Staff st : kept.staff()) {
                UserRow u = now.get(st.id());
                staff.add(u == null ? st : new Staff(st.id(), u.givenName(), u.familyName(), u.email(), u.sms(), st.leavingDate()));
            }
            contacts = new ArrayList<>(contacts.size());
            for (Contact c : kept.contacts()) {
                UserRow u = now.get(c.id());
                contacts.add(u == null ? c : SnapshotAssembler.contact(u));
            }
        }
        return new Snapshot(kept.schoolId(), kept.source(), kept.coverage(), readAt, students, staff, contacts, kept.links(),
                kept.groups(), kept.failures(), kept.issues());
    }

    /**
     * {@code kept} with what the changed enrolments touch made again from {@code rows} (which hold the
     * new enrolments), read at {@code readAt}: the students and staff whose enrolments changed (their
     * registration group and time at the school), and the classes the changed enrolments name (their
     * members), each exactly as {@link SnapshotAssembler#assemble} makes it; every other record is kept's own.
     *
     * @param before the changed enrolments as they were, {@code after} as they are now
     */
    static Snapshot enrolmentsPatched(SnapshotAssembler assembler, Snapshot kept, RosterRows rows,
            Collection<EnrollmentRow> before, Collection<EnrollmentRow> after, LocalDate today, Instant readAt) {
        Set<String> userIds = new HashSet<>();
        Set<String> classIds = new HashSet<>();
        for (Collection<EnrollmentRow> changed : List.of(before, after)) {
            for (EnrollmentRow e : changed) {
                userIds.add(e.userId());
                if (e.classId() != null) {
                    classIds.add(e.classId());
                }
            }
        }
        Map<String, ClassRow> classes = assembler.groupClasses(rows);
        Map<String, List<EnrollmentRow>> own = new HashMap<>();
        Map<String, List<EnrollmentRow>> schoolLevel = new HashMap<>();
        Map<String, List<String>> members = new HashMap<>();
        for (EnrollmentRow enrollment : rows.enrollments.values()) {
            boolean ofUser = userIds.contains(enrollment.userId());
            boolean ofClass = enrollment.classId() != null && classIds.contains(enrollment.classId());
            if (!ofUser && !ofClass) {
                continue;
            }
            UserRow user = rows.users.get(enrollment.userId());
            int counts = assembler.counts(enrollment, user, classes);
            if (counts == SnapshotAssembler.DANGLING || user == null) {
                continue;
            }
            if ((counts & SnapshotAssembler.SCHOOL_LEVEL) != 0) {
                if (ofUser) {
                    schoolLevel.computeIfAbsent(enrollment.userId(), k -> new ArrayList<>(1)).add(enrollment);
                }
                continue;
            }
            if ((counts & SnapshotAssembler.MEMBER) != 0 && ofClass) {
                members.computeIfAbsent(enrollment.classId(), k -> new ArrayList<>()).add(user.id());
            }
            if ((counts & SnapshotAssembler.OWN_CLASS) != 0 && ofUser) {
                own.computeIfAbsent(enrollment.userId(), k -> new ArrayList<>(2)).add(enrollment);
            }
        }
        List<Student> students = new ArrayList<>(kept.students().size());
        for (Student s : kept.students()) {
            UserRow user = userIds.contains(s.id()) ? rows.users.get(s.id()) : null;
            students.add(user == null ? s : assembler.student(user, SnapshotAssembler.yearGroup(user.grades()), own.getOrDefault(s.id(), List.of()),
                    schoolLevel.get(s.id()), classes, today));
        }
        List<Staff> staff = new ArrayList<>(kept.staff().size());
        for (Staff st : kept.staff()) {
            UserRow user = userIds.contains(st.id()) ? rows.users.get(st.id()) : null;
            staff.add(user == null ? st : assembler.staff(user, schoolLevel.get(st.id()), today));
        }
        List<Group> groups = new ArrayList<>(kept.groups().size());
        for (Group g : kept.groups()) {
            ClassRow row = classIds.contains(g.id()) ? classes.get(g.id()) : null;
            groups.add(row == null ? g : SnapshotAssembler.group(row, members.get(g.id())));
        }
        return new Snapshot(kept.schoolId(), kept.source(), kept.coverage(), readAt, students, staff, kept.contacts(),
                kept.links(), groups, kept.failures(), kept.issues());
    }
}
