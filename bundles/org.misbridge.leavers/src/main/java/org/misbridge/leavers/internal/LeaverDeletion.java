package org.misbridge.leavers.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.Changes;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.GroupMembership;
import org.misbridge.api.directory.Keyed;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Member;
import org.misbridge.api.model.EnrolmentState;

/**
 * What deleting leavers removes: each member, their links (whoever made them), their own details,
 * their group places, and the adults linked to no one else with those adults' details. Only
 * leavers are deleted; a queued member who is back on roll is left alone.
 */
final class LeaverDeletion {

    private LeaverDeletion() {
    }

    static ChangeSet of(DirectoryState state, List<String> memberIds) {
        Set<String> asked = Set.copyOf(memberIds);
        Set<String> going = new HashSet<>();
        List<Member> members = state.members().stream()
                .filter(m -> asked.contains(m.id()) && m.state() == EnrolmentState.LEAVER)
                .peek(m -> going.add(m.id())).toList();
        List<Link> links = state.links().stream().filter(l -> going.contains(l.memberId())).toList();
        Set<String> stillLinked = new HashSet<>();
        state.links().stream().filter(l -> !going.contains(l.memberId())).forEach(l -> stillLinked.add(l.personId()));
        Set<String> orphanIds = new HashSet<>();
        links.stream().map(Link::personId).filter(p -> !stillLinked.contains(p)).forEach(orphanIds::add);
        List<LinkedPerson> people = state.people().stream().filter(p -> orphanIds.contains(p.id())).toList();
        // one id can be a member and a linked adult (a teacher who is a parent), with one set of details:
        // those go only when neither side stays
        Set<String> staying = new HashSet<>();
        state.members().stream().filter(m -> !going.contains(m.id())).forEach(m -> staying.add(m.id()));
        List<ContactDetail> details = state.details().stream()
                .filter(d -> (going.contains(d.ownerId()) && !stillLinked.contains(d.ownerId()))
                        || (orphanIds.contains(d.ownerId()) && !staying.contains(d.ownerId()))).toList();
        List<GroupMembership> memberships = state.memberships().stream().filter(g -> going.contains(g.memberId())).toList();
        return new ChangeSet(removed(members), removed(people), removed(links), removed(details), Changes.none(),
                removed(memberships), List.of());
    }

    /** The school once {@code removal} (a deletion {@link #of} made) is written: its rows taken out, the order kept. */
    static DirectoryState after(DirectoryState state, ChangeSet removal) {
        return new DirectoryState(state.schoolId(), without(state.members(), removal.members()),
                without(state.people(), removal.people()), without(state.links(), removal.links()),
                without(state.details(), removal.details()), state.groups(), without(state.memberships(), removal.memberships()),
                state.dataIssues());
    }

    private static <T extends Keyed> List<T> without(List<T> rows, Changes<T> changes) {
        if (changes.removed().isEmpty()) {
            return rows;
        }
        Set<String> gone = new HashSet<>();
        changes.removed().forEach(r -> gone.add(r.key()));
        return rows.stream().filter(r -> !gone.contains(r.key())).toList();
    }

    private static <T extends Keyed> Changes<T> removed(List<T> rows) {
        return new Changes<>(List.of(), List.of(), rows);
    }
}
