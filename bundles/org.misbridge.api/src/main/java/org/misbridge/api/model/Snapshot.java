package org.misbridge.api.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one read of a school's MIS returned, normalised. Areas that could not be read are
 * listed in {@code failures} rather than returned as empty lists; what the reader read past but the
 * school should fix (a broken file the snapshot does not use, a user with an unknown role) is in
 * {@code issues}, which the sync records as data issues.
 */
public record Snapshot(
        String schoolId,
        String source,
        Coverage coverage,
        Instant readAt,
        List<Student> students,
        List<Staff> staff,
        List<Contact> contacts,
        List<ContactLink> links,
        List<Group> groups,
        List<ReadFailure> failures,
        List<ReadIssue> issues) {

    public Snapshot {
        Objects.requireNonNull(schoolId, "schoolId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(coverage, "coverage");
        Objects.requireNonNull(readAt, "readAt");
        students = List.copyOf(students);
        staff = List.copyOf(staff);
        contacts = List.copyOf(contacts);
        links = List.copyOf(links);
        groups = List.copyOf(groups);
        failures = List.copyOf(failures);
        issues = List.copyOf(issues);
    }

    /** A snapshot without reader issues, as before readers could report them. */
    public Snapshot(String schoolId, String source, Coverage coverage, Instant readAt, List<Student> students,
            List<Staff> staff, List<Contact> contacts, List<ContactLink> links, List<Group> groups,
            List<ReadFailure> failures) {
        this(schoolId, source, coverage, readAt, students, staff, contacts, links, groups, failures, List.of());
    }

    public boolean failed(Area area) {
        return failures.stream().anyMatch(f -> f.area() == area);
    }
}
