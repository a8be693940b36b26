package org.misbridge.mis.wonde.internal;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.misbridge.api.model.Contact;
import org.misbridge.api.model.ContactLink;
import org.misbridge.api.model.Student;

/**
 * One Wonde student record as mapped: the student, the contacts included with them and how each
 * relates to them, and the ids of the year, registration group and classes the record points at.
 */
record StudentEntry(Student student, List<Contact> contacts, List<ContactLink> links, Set<String> groupIds) {
    StudentEntry {
        Objects.requireNonNull(student, "student");
        contacts = List.copyOf(contacts);
        links = List.copyOf(links);
        groupIds = Set.copyOf(groupIds);
    }

    String id() {
        return student.id();
    }
}
