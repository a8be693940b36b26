package org.misbridge.mis.oneroster.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.model.Contact;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Staff;
import org.misbridge.api.model.Student;
import org.misbridge.mis.oneroster.internal.RosterRows.UserRow;

/** A snapshot made again from the last one for a delta that changed only some users' own details. */
final class SnapshotPatch {

    private SnapshotPatch() {
    }

    /**
     * {@code kept} (the snapshot of the records before a delta) with the records of the users the
     * delta replaced made again from their new rows, read at {@code readAt}; null when that is not
     * enough and the whole snapshot must be assembled. It is enough when every replaced user was
     * there before, is enabled and not deleted before and after, and has the same role, orgs and
     * agents (OneRoster 1.1): their part in the snapshot, their links, their class memberships and
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

}
