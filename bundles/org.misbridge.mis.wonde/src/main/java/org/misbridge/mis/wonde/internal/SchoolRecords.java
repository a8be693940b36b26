package org.misbridge.mis.wonde.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 */
final class SchoolRecords {

    /** What a record in Wonde's {@code deletions} is. */
    enum Kind {
        STUDENT, CONTACT, EMPLOYEE, GROUP
    }

    private final Map<String, StudentEntry> students = new LinkedHashMap<>();
    private final Map<String, Contact> contacts = new LinkedHashMap<>();
    private final Map<String, Staff> staff = new LinkedHashMap<>();
    private final Map<String, GroupEntry> groups = new LinkedHashMap<>();

    SchoolRecords copy() {
        SchoolRecords copy = new SchoolRecords();
        copy.students.putAll(students);
        copy.contacts.putAll(contacts);
        copy.staff.putAll(staff);
        copy.groups.putAll(groups);
        return copy;
    }

    /** Adds or replaces a student with their contacts and links; their latest record wins. */
    void putStudent(StudentEntry entry) {
        students.put(entry.id(), entry);
        entry.contacts().forEach(c -> contacts.put(c.id(), c));
    }

    /** Replaces a known contact's names and details; an unknown one has no student to hang on and is ignored. */
    void updateContact(Contact contact) {
        contacts.computeIfPresent(contact.id(), (id, old) -> contact);
    }

    void putStaff(Staff member) {
        staff.put(member.id(), member);
    }

    void putGroup(GroupEntry group) {
        groups.put(group.id(), group);
    }

    /** Applies one of Wonde's deletions; true when something was removed. */
    boolean remove(Kind kind, String id) {
        return switch (kind) {
            case STUDENT -> students.remove(id) != null;
            case CONTACT -> contacts.remove(id) != null;
            case EMPLOYEE -> staff.remove(id) != null;
            case GROUP -> groups.remove(id) != null;
        };
    }

    int studentCount() {
        return students.size();
    }

    /**
     * The snapshot of these records. Only contacts linked to a student are in it; group members
     * are those the group lists plus the students whose own record points at the group, kept to
     * students and staff that are in the snapshot.
     */
    Snapshot snapshot(String schoolId, String source, Instant readAt, List<ReadFailure> failures) {
        List<Student> studentList = new ArrayList<>(students.size());
        List<ContactLink> links = new ArrayList<>();
        Set<String> linked = new LinkedHashSet<>();
        Map<String, Set<String>> pointedAt = new LinkedHashMap<>();
        for (StudentEntry entry : students.values()) {
            studentList.add(entry.student());
            for (ContactLink link : entry.links()) {
                if (contacts.containsKey(link.contactId())) {
                    links.add(link);
                    linked.add(link.contactId());
                }
            }
            for (String groupId : entry.groupIds()) {
                pointedAt.computeIfAbsent(groupId, k -> new LinkedHashSet<>()).add(entry.id());
            }
        }
        List<Contact> contactList = new ArrayList<>();
        for (String id : linked) {
            contactList.add(contacts.get(id));
        }
        Set<String> people = new HashSet<>(students.keySet());
        people.addAll(staff.keySet());
        List<Group> groupList = new ArrayList<>(groups.size());
        for (GroupEntry group : groups.values()) {
            Set<String> members = new LinkedHashSet<>(group.memberIds());
            members.addAll(pointedAt.getOrDefault(group.id(), Set.of()));
            members.retainAll(people);
            groupList.add(new Group(group.id(), group.name(), group.kind(), true, members));
        }
        return new Snapshot(schoolId, source, Coverage.WHOLE_ROLL, readAt, studentList, List.copyOf(staff.values()),
                contactList, links, groupList, failures);
    }

    /** Drops contacts no student links to any more (after a delta moved links elsewhere). */
    void pruneContacts() {
        Set<String> linked = new HashSet<>();
        students.values().forEach(e -> e.links().forEach(l -> linked.add(l.contactId())));
        contacts.keySet().retainAll(linked);
    }
}
