package org.misbridge.api.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one read of a school's MIS returned, normalised. Areas that could not be read are
 * listed in {@code failures} rather than returned as empty lists.
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
        List<ReadFailure> failures) {

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
    }

    public boolean failed(Area area) {
        return failures.stream().anyMatch(f -> f.area() == area);
    }
}
