package org.misbridge.api.directory;

import java.util.List;
import java.util.Objects;

/** All of one school's directory rows, as loaded for a sync to diff against. */
public record DirectoryState(
        String schoolId,
        List<Member> members,
        List<LinkedPerson> people,
        List<Link> links,
        List<ContactDetail> details,
        List<DirectoryGroup> groups,
        List<GroupMembership> memberships,
        List<DataIssue> dataIssues) {

    public DirectoryState {
        Objects.requireNonNull(schoolId, "schoolId");
        members = List.copyOf(members);
        people = List.copyOf(people);
        links = List.copyOf(links);
        details = List.copyOf(details);
        groups = List.copyOf(groups);
        memberships = List.copyOf(memberships);
        dataIssues = List.copyOf(dataIssues);
    }

    public static DirectoryState empty(String schoolId) {
        return new DirectoryState(schoolId, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
