package org.misbridge.sync.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.DirectoryEdits;
import org.misbridge.api.UnsafeCharacters;
import org.misbridge.api.DirectoryEdits.Adult;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.Changes;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DetailKind;
import org.misbridge.api.directory.DirectoryGroup;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.GroupMembership;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.api.model.GroupKind;
import org.misbridge.api.model.ParentalResponsibility;

/**
 * Turns one edit a person asks for into the change set that makes it, against the directory as it
 * is, or says why it cannot be made. Rows from import are never changed here (rule 7 both ways).
 */
public final class HandEdits {

    private static final int MAX_ID = 64;

    private final DirectoryState state;

    public HandEdits(DirectoryState state) {
        this.state = state;
    }

    public ChangeSet addMember(String memberId, MemberKind kind, String givenName, String familyName) {
        requireId("member id", memberId);
        requireText("given name", givenName);
        requireText("family name", familyName);
        member(memberId).ifPresent(m -> {
            throw refused("member '" + memberId + "' already exists" + fromMis(m.origin()));
        });
        Member added = new Member(memberId, kind, givenName.strip(), familyName.strip(), null, null,
                EnrolmentState.ON_ROLL, null, null, null, Origin.MANUAL);
        return members(new Changes<>(List.of(added), List.of(), List.of()));
    }

    public ChangeSet removeMember(String memberId) {
        Member m = requireMember(memberId);
        if (m.origin() == Origin.IMPORT) {
            throw refused("member '" + memberId + "' came from the MIS; it leaves when the MIS says so");
        }
        List<Link> links = state.links().stream().filter(l -> l.memberId().equals(memberId)).toList();
        List<LinkedPerson> orphans = orphanedBy(links);
        return new ChangeSet(new Changes<>(List.of(), List.of(), List.of(m)),
                new Changes<>(List.of(), List.of(), orphans),
                new Changes<>(List.of(), List.of(), links),
                new Changes<>(List.of(), List.of(), handMadeDetailsOf(memberId, orphans)),
                Changes.none(),
                new Changes<>(List.of(), List.of(),
                        state.memberships().stream().filter(g -> g.memberId().equals(memberId)).toList()),
                List.of());
    }

    public ChangeSet link(String memberId, Adult adult, int priority, boolean prime, Origin origin) {
        if (origin == Origin.IMPORT) {
            throw refused("a hand-made link is MANUAL or WEB, not IMPORT");
        }
        Member m = requireMember(memberId);
        requireId("person id", adult.personId());
        if (priority < 1 || priority > 99) {
            throw refused("priority " + priority + " is out of range; expected 1 to 99");
        }
        List<Link> current = state.links().stream().filter(l -> l.memberId().equals(memberId)).toList();
        if (current.stream().anyMatch(l -> l.personId().equals(adult.personId()))) {
            throw refused("'" + adult.personId() + "' is already linked to member '" + memberId + "'");
        }
        if (m.kind() == MemberKind.STUDENT && current.size() >= DirectoryEdits.MAX_ADULTS_PER_STUDENT) {
            throw refused("student '" + memberId + "' already has " + current.size() + " linked adults ("
                    + String.join(", ", current.stream().map(Link::personId).toList())
                    + "); at most " + DirectoryEdits.MAX_ADULTS_PER_STUDENT + " are allowed");
        }
        List<LinkedPerson> newPeople = new ArrayList<>();
        if (person(adult.personId()).isEmpty()) {
            requireText("given name", adult.givenName());
            requireText("family name", adult.familyName());
            newPeople.add(new LinkedPerson(adult.personId(), adult.givenName().strip(), adult.familyName().strip(), origin));
        }
        List<ContactDetail> details = new ArrayList<>();
        addDetail(details, adult.personId(), DetailKind.EMAIL, adult.email(), origin);
        addDetail(details, adult.personId(), DetailKind.MOBILE, adult.mobile(), origin);
        Link link = new Link(memberId, adult.personId(), priority, prime, blankToNull(adult.relationship()),
                ParentalResponsibility.UNKNOWN, origin);
        return new ChangeSet(Changes.none(), new Changes<>(newPeople, List.of(), List.of()),
                new Changes<>(List.of(link), List.of(), List.of()), new Changes<>(details, List.of(), List.of()),
                Changes.none(), Changes.none(), List.of());
    }

    public ChangeSet unlink(String memberId, String personId) {
        Link link = state.links().stream().filter(l -> l.memberId().equals(memberId) && l.personId().equals(personId))
                .findFirst().orElseThrow(() -> refused("'" + personId + "' is not linked to member '" + memberId + "'"));
        if (link.origin() == Origin.IMPORT) {
            throw refused("the link of '" + personId + "' to '" + memberId + "' came from the MIS; change it there");
        }
        List<LinkedPerson> orphans = orphanedBy(List.of(link));
        return new ChangeSet(Changes.none(), new Changes<>(List.of(), List.of(), orphans),
                new Changes<>(List.of(), List.of(), List.of(link)),
                new Changes<>(List.of(), List.of(), handMadeDetailsOf(null, orphans)),
                Changes.none(), Changes.none(), List.of());
    }

    public ChangeSet createGroup(String groupId, String name) {
        requireId("group id", groupId);
        requireText("group name", name);
        group(groupId).ifPresent(g -> {
            throw refused("group '" + groupId + "' already exists" + fromMis(g.origin()));
        });
        return groups(new Changes<>(List.of(new DirectoryGroup(groupId, name.strip(), GroupKind.OTHER, true, Origin.MANUAL)),
                List.of(), List.of()), Changes.none());
    }

    public ChangeSet renameGroup(String groupId, String name) {
        requireText("group name", name);
        DirectoryGroup g = requireCustomGroup(groupId);
        return groups(new Changes<>(List.of(),
                List.of(new DirectoryGroup(g.id(), name.strip(), g.kind(), g.active(), g.origin())), List.of()),
                Changes.none());
    }

    public ChangeSet deleteGroup(String groupId) {
        DirectoryGroup g = requireCustomGroup(groupId);
        return groups(new Changes<>(List.of(), List.of(), List.of(g)), new Changes<>(List.of(), List.of(),
                state.memberships().stream().filter(m -> m.groupId().equals(groupId)).toList()));
    }

    public ChangeSet addToGroup(String groupId, List<String> memberIds) {
        requireCustomGroup(groupId);
        Set<String> already = new HashSet<>();
        state.memberships().stream().filter(m -> m.groupId().equals(groupId)).forEach(m -> already.add(m.memberId()));
        List<GroupMembership> added = new ArrayList<>();
        Set<String> members = new HashSet<>(); // looked up once: a whole year group may be added at once
        state.members().forEach(m -> members.add(m.id()));
        for (String id : memberIds) {
            if (!members.contains(id)) {
                throw refused("no member '" + id + "' in school " + state.schoolId());
            }
            if (already.add(id)) {
                added.add(new GroupMembership(groupId, id));
            }
        }
        return groups(Changes.none(), new Changes<>(added, List.of(), List.of()));
    }

    public ChangeSet removeFromGroup(String groupId, List<String> memberIds) {
        requireCustomGroup(groupId);
        Set<String> leaving = Set.copyOf(memberIds);
        return groups(Changes.none(), new Changes<>(List.of(), List.of(), state.memberships().stream()
                .filter(m -> m.groupId().equals(groupId) && leaving.contains(m.memberId())).toList()));
    }

    // --- helpers

    /** The hand-made people who would be linked to no one once {@code goingLinks} are gone. */
    private List<LinkedPerson> orphanedBy(List<Link> goingLinks) {
        Set<String> candidates = new HashSet<>();
        goingLinks.forEach(l -> candidates.add(l.personId()));
        Set<String> going = new HashSet<>();
        goingLinks.forEach(l -> going.add(l.key()));
        state.links().stream().filter(l -> !going.contains(l.key())).forEach(l -> candidates.remove(l.personId()));
        return state.people().stream().filter(p -> candidates.contains(p.id()) && p.origin() != Origin.IMPORT).toList();
    }

    private List<ContactDetail> handMadeDetailsOf(@Nullable String memberId, List<LinkedPerson> people) {
        Set<String> owners = new HashSet<>();
        people.forEach(p -> owners.add(p.id()));
        if (memberId != null) {
            owners.add(memberId);
        }
        return state.details().stream().filter(d -> owners.contains(d.ownerId()) && d.origin() != Origin.IMPORT).toList();
    }

    private void addDetail(List<ContactDetail> out, String owner, DetailKind kind, @Nullable String raw, Origin origin) {
        if (raw == null || raw.isBlank()) {
            return;
        }
        String value = kind == DetailKind.EMAIL ? DetailRules.normaliseEmail(raw) : DetailRules.normaliseMobile(raw);
        Optional<String> problem = kind == DetailKind.EMAIL ? DetailRules.emailProblem(value) : DetailRules.mobileProblem(value);
        if (problem.isPresent()) {
            throw refused((kind == DetailKind.EMAIL ? "email: " : "mobile: ") + problem.get());
        }
        boolean known = state.details().stream()
                .anyMatch(d -> d.ownerId().equals(owner) && d.kind() == kind && d.value().equals(value));
        if (!known) {
            out.add(new ContactDetail(owner, kind, value, false, origin));
        }
    }

    private Optional<Member> member(String id) {
        return state.members().stream().filter(m -> m.id().equals(id)).findFirst();
    }

    private Member requireMember(String id) {
        return member(id).orElseThrow(() -> refused("no member '" + id + "' in school " + state.schoolId()));
    }

    private Optional<LinkedPerson> person(String id) {
        return state.people().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    private Optional<DirectoryGroup> group(String id) {
        return state.groups().stream().filter(g -> g.id().equals(id)).findFirst();
    }

    private DirectoryGroup requireCustomGroup(String id) {
        DirectoryGroup g = group(id).orElseThrow(() -> refused("no group '" + id + "' in school " + state.schoolId()));
        if (g.origin() == Origin.IMPORT) {
            throw refused("group '" + id + "' came from the MIS; only custom groups are edited here");
        }
        return g;
    }

    private static ChangeSet members(Changes<Member> members) {
        return new ChangeSet(members, Changes.none(), Changes.none(), Changes.none(), Changes.none(), Changes.none(), List.of());
    }

    private static ChangeSet groups(Changes<DirectoryGroup> groups, Changes<GroupMembership> memberships) {
        return new ChangeSet(Changes.none(), Changes.none(), Changes.none(), Changes.none(), groups, memberships, List.of());
    }

    private static String fromMis(Origin origin) {
        return origin == Origin.IMPORT ? " (from the MIS)" : " (" + origin.name().toLowerCase() + ")";
    }

    private static void requireId(String what, @Nullable String id) {
        if (id == null || id.isBlank() || id.length() > MAX_ID || !id.strip().equals(id) || UnsafeCharacters.firstUnsafe(id) >= 0) {
            throw refused(what + " " + (id == null ? "null" : IssueText.quote(id)) + " is not valid; expected 1 to " + MAX_ID
                    + " characters without surrounding spaces or control characters");
        }
    }

    /** A name as a person types it: present, and one the directory holds as it is (issue 18, item 12). */
    private static void requireText(String what, @Nullable String text) {
        if (text == null || text.isBlank()) {
            throw refused(what + " is missing");
        }
        MisText.Fitted fitted = MisText.fit(text.strip(), MisText.NAME);
        if (fitted.problem() != null) {
            String problem = fitted.problem();
            throw refused(what + " " + problem.substring(0, problem.lastIndexOf("; imported as")));
        }
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static IllegalArgumentException refused(String why) {
        return new IllegalArgumentException(why);
    }
}
