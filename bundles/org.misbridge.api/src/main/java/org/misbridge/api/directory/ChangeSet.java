package org.misbridge.api.directory;

import java.util.List;
import java.util.Objects;

/**
 * Everything one sync changes in a school's directory, applied as a whole or not at all.
 * Data issues are replaced wholesale: {@code dataIssues} is the school's new list of import issues.
 */
public record ChangeSet(
        Changes<Member> members,
        Changes<LinkedPerson> people,
        Changes<Link> links,
        Changes<ContactDetail> details,
        Changes<DirectoryGroup> groups,
        Changes<GroupMembership> memberships,
        List<DataIssue> dataIssues) {

    public ChangeSet {
        Objects.requireNonNull(members, "members");
        Objects.requireNonNull(people, "people");
        Objects.requireNonNull(links, "links");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(groups, "groups");
        Objects.requireNonNull(memberships, "memberships");
        dataIssues = List.copyOf(dataIssues);
    }

    private List<Changes<?>> all() {
        return List.of(members, people, links, details, groups, memberships);
    }

    public int created() {
        return all().stream().mapToInt(c -> c.created().size()).sum();
    }

    public int updated() {
        return all().stream().mapToInt(c -> c.updated().size()).sum();
    }

    public int removed() {
        return all().stream().mapToInt(c -> c.removed().size()).sum();
    }

    public boolean isEmpty() {
        return all().stream().allMatch(Changes::isEmpty);
    }
}
