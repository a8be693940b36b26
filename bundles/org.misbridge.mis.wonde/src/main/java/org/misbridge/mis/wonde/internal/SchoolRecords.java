package org.misbridge.mis.wonde.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.model.Contact;
import org.misbridge.api.model.ContactLink;
import org.misbridge.api.model.Coverage;
import org.misbridge.api.model.Group;
import org.misbridge.api.model.ReadFailure;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Staff;
import org.misbridge.api.model.Student;

/**
 * Everything read of one school, keyed by Wonde id: what a full read collects, and what a delta
 * read updates (on a copy, so a failed delta leaves the last good records as they were).
 *
 * <p>Every contact held is linked to a student held: a student's record brings its contacts with
 * one link each, and a delta drops the contacts no student links to any more. A copy remembers the
 * snapshot its records last made and what has changed since, so that its own snapshot patches that
 * one ({@link SnapshotPatch}) instead of being assembled from every record again.
 */
final class SchoolRecords {

    /** What a record in Wonde's {@code deletions} is. */
    enum Kind {
        STUDENT, CONTACT, EMPLOYEE, GROUP
    }

    final Map<String, StudentEntry> students = new LinkedHashMap<>();
    final Map<String, Contact> contacts = new LinkedHashMap<>();
    final Map<String, Staff> staff = new LinkedHashMap<>();
    final Map<String, GroupEntry> groups = new LinkedHashMap<>();

    // the snapshot these records last made, and what changed since (both null until a snapshot is made
    // and the records copied for a delta: a full read's records are assembled whole)
    private @Nullable Snapshot made;
    private @Nullable RecordChanges changes;

    /** These records, to be changed by a delta; its snapshot patches the one these made last. */
    SchoolRecords copy() {
        SchoolRecords copy = new SchoolRecords();
        copy.students.putAll(students);
        copy.contacts.putAll(contacts);
        copy.staff.putAll(staff);
        copy.groups.putAll(groups);
        if (made != null && changes == null) {
            copy.made = made;
            copy.changes = new RecordChanges();
        }
        return copy;
    }

    /**
     * Adds or replaces a student with their contacts and links; their latest record wins. A record
     * equal to the one held keeps the one held, so that only what really changed counts as changed.
     */
    void putStudent(StudentEntry entry) {
        StudentEntry old = students.get(entry.id());
        if (!entry.equals(old)) {
            students.put(entry.id(), entry);
            if (changes != null) {
                RecordChanges.first(changes.students, entry.id(), old);
            }
        }
        entry.contacts().forEach(this::putContact);
    }

    private void putContact(Contact contact) {
        Contact old = contacts.get(contact.id());
        if (!contact.equals(old)) {
            contacts.put(contact.id(), contact);
            if (changes != null) {
                RecordChanges.first(changes.contacts, contact.id(), old);
            }
        }
    }

    /** Replaces a known contact's names and details; an unknown one has no student to hang on and is ignored. */
    void updateContact(Contact contact) {
        if (contacts.containsKey(contact.id())) {
            putContact(contact);
        }
    }

    void putStaff(Staff member) {
        Staff old = staff.get(member.id());
        if (!member.equals(old)) {
            staff.put(member.id(), member);
            if (changes != null) {
                RecordChanges.first(changes.staff, member.id(), old);
            }
        }
    }

    void putGroup(GroupEntry group) {
        GroupEntry old = groups.get(group.id());
        if (!group.equals(old)) {
            groups.put(group.id(), group);
            if (changes != null) {
                RecordChanges.first(changes.groups, group.id(), old);
            }
        }
    }

    /** Applies one of Wonde's deletions; true when something was removed. */
    boolean remove(Kind kind, String id) {
        Object old = switch (kind) {
            case STUDENT -> students.remove(id);
            case CONTACT -> contacts.remove(id);
            case EMPLOYEE -> staff.remove(id);
            case GROUP -> groups.remove(id);
        };
        if (old != null && changes != null) {
            switch (kind) {
                case STUDENT -> RecordChanges.first(changes.students, id, (StudentEntry) old);
                case CONTACT -> RecordChanges.first(changes.contacts, id, (Contact) old);
                case EMPLOYEE -> RecordChanges.first(changes.staff, id, (Staff) old);
                case GROUP -> RecordChanges.first(changes.groups, id, (GroupEntry) old);
            }
        }
        return old != null;
    }

    int studentCount() {
        return students.size();
    }

    /**
     * The snapshot of these records: contacts in the order first held, each student's links to the
     * contacts held, and each group's members as those the group lists plus the students whose own
     * record points at it, kept to students and staff that are held. A delta's records patch the
     * snapshot they last made; the result is the same (SchoolRecordsPatchTest).
     */
    Snapshot snapshot(String schoolId, String source, Instant readAt, List<ReadFailure> failures) {
        Snapshot result = made != null && changes != null
                ? SnapshotPatch.patched(made, this, changes, readAt, failures)
                : assembled(schoolId, source, readAt, failures);
        made = result;
        changes = null;
        return result;
    }

    /** The snapshot made from every record, as a full read's. */
    Snapshot assembled(String schoolId, String source, Instant readAt, List<ReadFailure> failures) {
        List<Student> studentList = new ArrayList<>(students.size());
        List<ContactLink> links = new ArrayList<>();
        Map<String, Set<String>> pointedAt = new LinkedHashMap<>();
        for (StudentEntry entry : students.values()) {
            studentList.add(entry.student());
            for (ContactLink link : entry.links()) {
                if (contacts.containsKey(link.contactId())) {
                    links.add(link);
                }
            }
            for (String groupId : entry.groupIds()) {
                pointedAt.computeIfAbsent(groupId, k -> new LinkedHashSet<>()).add(entry.id());
            }
        }
        List<Group> groupList = new ArrayList<>(groups.size());
        for (GroupEntry group : groups.values()) {
            groupList.add(group(group, pointedAt.getOrDefault(group.id(), Set.of())));
        }
        return new Snapshot(schoolId, source, Coverage.WHOLE_ROLL, readAt, studentList, List.copyOf(staff.values()),
                List.copyOf(contacts.values()), links, groupList, failures);
    }

    /** The group as a snapshot holds it: the members it lists and the students pointing at it, of those held. */
    Group group(GroupEntry group, Set<String> pointingAt) {
        Set<String> members = new HashSet<>(group.memberIds().size() + pointingAt.size());
        for (String id : group.memberIds()) {
            if (holdsPerson(id)) {
                members.add(id);
            }
        }
        members.addAll(pointingAt); // students held, each of them
        return new Group(group.id(), group.name(), group.kind(), true, members);
    }

    boolean holdsPerson(String id) {
        return students.containsKey(id) || staff.containsKey(id);
    }

    /**
     * Drops the contacts no student links to any more, after a delta moved links elsewhere or
     * removed students: only the contacts that the changed students linked to before can be such.
     */
    void pruneContacts() {
        if (changes == null) {
            Set<String> linked = new HashSet<>();
            students.values().forEach(e -> e.links().forEach(l -> linked.add(l.contactId())));
            contacts.keySet().retainAll(linked);
            return;
        }
        Set<String> maybeUnlinked = new HashSet<>();
        changes.students.values().forEach(old -> {
            if (old != null) {
                old.links().forEach(l -> maybeUnlinked.add(l.contactId()));
            }
        });
        if (maybeUnlinked.isEmpty()) {
            return;
        }
        for (StudentEntry entry : students.values()) {
            for (ContactLink link : entry.links()) {
                maybeUnlinked.remove(link.contactId());
            }
        }
        for (String id : maybeUnlinked) {
            remove(Kind.CONTACT, id);
        }
    }
}
