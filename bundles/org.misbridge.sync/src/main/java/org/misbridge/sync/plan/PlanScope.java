package org.misbridge.sync.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.GroupMembership;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;

/**
 * Which wanted rows a diff compares with the stored ones: all of them, or those of some members
 * (their links, memberships and own details) and of some linked people (their rows and details).
 * Members and groups are always diffed whole.
 */
public record PlanScope(@Nullable Set<String> memberIds, @Nullable Set<String> personIds) {

    public static final PlanScope ALL = new PlanScope(null, null);

    Collection<LinkedPerson> people(Collection<LinkedPerson> wanted) {
        return personIds == null ? wanted : only(wanted, p -> personIds.contains(p.id()));
    }

    List<Link> links(List<Link> wanted) {
        return memberIds == null ? wanted : only(wanted, l -> memberIds.contains(l.memberId()));
    }

    List<GroupMembership> memberships(List<GroupMembership> wanted) {
        return memberIds == null ? wanted : only(wanted, m -> memberIds.contains(m.memberId()));
    }

    List<ContactDetail> details(List<ContactDetail> wanted) {
        return memberIds == null || personIds == null ? wanted
                : only(wanted, d -> personIds.contains(d.ownerId()) || memberIds.contains(d.ownerId()));
    }

    private static <T> List<T> only(Collection<T> rows, Predicate<T> keep) {
        List<T> kept = new ArrayList<>();
        for (T row : rows) {
            if (keep.test(row)) {
                kept.add(row);
            }
        }
        return kept;
    }
}
