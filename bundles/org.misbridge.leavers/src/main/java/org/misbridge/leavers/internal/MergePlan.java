package org.misbridge.leavers.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.misbridge.api.DirectoryEdits;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.Changes;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.GroupMembership;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.model.EnrolmentState;

/**
 * What merging a duplicate student into the one kept changes in the directory: the duplicate's
 * linked adults, own details and group places move to the member kept (made by hand from then on,
 * so import leaves them alone), and the duplicate goes. Refused, with the reason, where the result
 * would not hold: another kind of member, more than four adults, or a duplicate the MIS still has
 * on roll (import would bring it back).
 */
public final class MergePlan {

    private MergePlan() {
    }

    public static ChangeSet of(DirectoryState state, String keepId, String duplicateId) {
        if (keepId.equals(duplicateId)) {
            throw new IllegalArgumentException("the member kept and the duplicate are the same (" + keepId + ")");
        }
        Member keep = member(state, keepId);
        Member duplicate = member(state, duplicateId);
        if (keep.kind() != duplicate.kind()) {
            throw new IllegalArgumentException(duplicateId + " is " + duplicate.kind().name().toLowerCase() + " and "
                    + keepId + " is " + keep.kind().name().toLowerCase() + ": only members of one kind merge");
        }
        if (duplicate.origin() == Origin.IMPORT && duplicate.state() != EnrolmentState.LEAVER) {
            throw new IllegalArgumentException(duplicateId + " comes from the MIS, which still has it "
                    + duplicate.state().name().toLowerCase().replace('_', ' ')
                    + ": import would bring it back. Merge the records in the MIS, or keep " + duplicateId
                    + " and merge " + keepId + " into it");
        }
        List<Link> keepLinks = state.links().stream().filter(l -> l.memberId().equals(keepId)).toList();
        List<Link> duplicateLinks = state.links().stream().filter(l -> l.memberId().equals(duplicateId)).toList();
        Set<String> adults = new HashSet<>();
        keepLinks.forEach(l -> adults.add(l.personId()));
        List<Link> movedLinks = new ArrayList<>();
        for (Link l : duplicateLinks) {
            if (adults.add(l.personId())) {
                movedLinks.add(new Link(keepId, l.personId(), l.priority(), l.prime(), l.relationship(),
                        l.parentalResponsibility(), handMade(l.origin())));
            }
        }
        if (adults.size() > DirectoryEdits.MAX_ADULTS_PER_STUDENT) {
            throw new IllegalArgumentException("merging would link " + adults.size() + " adults to " + keepId
                    + "; at most " + DirectoryEdits.MAX_ADULTS_PER_STUDENT + ": unlink some first (school:unlink)");
        }
        List<ContactDetail> duplicateDetails = state.details().stream().filter(d -> d.ownerId().equals(duplicateId)).toList();
        Set<String> keptDetails = new HashSet<>();
        state.details().stream().filter(d -> d.ownerId().equals(keepId)).forEach(d -> keptDetails.add(d.kind() + d.value()));
        List<ContactDetail> movedDetails = duplicateDetails.stream().filter(d -> keptDetails.add(d.kind() + d.value()))
                .map(d -> new ContactDetail(keepId, d.kind(), d.value(), d.blocked(), handMade(d.origin()))).toList();
        List<GroupMembership> duplicatePlaces = state.memberships().stream().filter(g -> g.memberId().equals(duplicateId)).toList();
        Set<String> keptGroups = new HashSet<>();
        state.memberships().stream().filter(g -> g.memberId().equals(keepId)).forEach(g -> keptGroups.add(g.groupId()));
        List<GroupMembership> movedPlaces = duplicatePlaces.stream().filter(g -> keptGroups.add(g.groupId()))
                .map(g -> new GroupMembership(g.groupId(), keepId)).toList();
        return new ChangeSet(new Changes<>(List.of(), List.of(), List.of(duplicate)), Changes.none(),
                new Changes<>(movedLinks, List.of(), duplicateLinks),
                new Changes<>(movedDetails, List.of(), duplicateDetails), Changes.none(),
                new Changes<>(movedPlaces, List.of(), duplicatePlaces), List.of());
    }

    private static Origin handMade(Origin origin) {
        return origin == Origin.IMPORT ? Origin.MANUAL : origin;
    }

    private static Member member(DirectoryState state, String id) {
        Optional<Member> found = state.members().stream().filter(m -> m.id().equals(id)).findFirst();
        return found.orElseThrow(() -> new IllegalArgumentException("no member '" + id + "' in school " + state.schoolId()));
    }
}
