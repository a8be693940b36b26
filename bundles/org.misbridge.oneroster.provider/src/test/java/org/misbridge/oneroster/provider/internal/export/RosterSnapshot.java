package org.misbridge.oneroster.provider.internal.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DirectoryGroup;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.GroupMembership;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.model.GroupKind;

/**
 * What of a school's directory a OneRoster round trip carries, each row as one comparable line
 * (docs/oneroster-provider.md, "Round trips"): the students and staff with their names, year
 * group, registration group, roll state, application status, admission and leaving dates; the
 * adults linked to students with their names; the links with priority, prime, relationship and
 * parental responsibility; the unblocked email and mobile of each; the active groups with name and
 * kind; and who is in them. Left out, because OneRoster has nowhere to put them or they are not
 * served: members added by hand (kind OTHER), adults linked to no student, inactive groups,
 * blocked details, the origin of each row, data issues, and which registration group is a
 * student's when they are in several (their memberships of each are compared).
 */
record RosterSnapshot(Set<String> members, Set<String> people, Set<String> links, Set<String> details,
        Set<String> groups, Set<String> memberships) {
    /** The registration group of a student in several: OneRoster does not say which homeroom is theirs. */
    static final String SEVERAL = "(several)";

    static RosterSnapshot of(DirectoryState state) {
        Set<String> registration = new HashSet<>();
        state.groups().stream().filter(g -> g.active() && g.kind() == GroupKind.REGISTRATION)
                .forEach(g -> registration.add(g.id()));
        Map<String, Integer> registrations = new HashMap<>();
        for (GroupMembership gm : state.memberships()) {
            if (registration.contains(gm.groupId())) {
                registrations.merge(gm.memberId(), 1, Integer::sum);
            }
        }
        Set<String> served = new HashSet<>();
        Set<String> students = new HashSet<>();
        Set<String> members = new TreeSet<>();
        for (Member m : state.members()) {
            if (m.kind() == MemberKind.OTHER) {
                continue;
            }
            served.add(m.id());
            if (m.kind() == MemberKind.STUDENT) {
                students.add(m.id());
            }
            members.add(String.join("|", m.id(), m.kind().name(), m.givenName(), m.familyName(), s(m.yearGroup()),
                    registrations.getOrDefault(m.id(), 0) > 1 ? SEVERAL : s(m.registrationGroup()), m.state().name(), s(m.applicationStatus()), s(m.admissionDate()),
                    s(m.leavingDate())));
        }
        Set<String> links = new TreeSet<>();
        Set<String> linked = new HashSet<>();
        for (Link l : state.links()) {
            if (students.contains(l.memberId())) {
                linked.add(l.personId());
                links.add(String.join("|", l.memberId(), l.personId(), Integer.toString(l.priority()),
                        Boolean.toString(l.prime()), s(l.relationship()), l.parentalResponsibility().name()));
            }
        }
        Set<String> people = new TreeSet<>();
        for (LinkedPerson p : state.people()) {
            if (linked.contains(p.id())) {
                people.add(String.join("|", p.id(), p.givenName(), p.familyName()));
            }
        }
        Set<String> details = new TreeSet<>();
        for (ContactDetail d : state.details()) {
            if (!d.blocked() && (served.contains(d.ownerId()) || linked.contains(d.ownerId()))) {
                details.add(String.join("|", d.ownerId(), d.kind().name(), d.value()));
            }
        }
        Set<String> groups = new TreeSet<>();
        Set<String> active = new HashSet<>();
        for (DirectoryGroup g : state.groups()) {
            if (g.active()) {
                active.add(g.id());
                groups.add(String.join("|", g.id(), g.name(), g.kind().name()));
            }
        }
        Set<String> memberships = new TreeSet<>();
        for (GroupMembership gm : state.memberships()) {
            if (active.contains(gm.groupId()) && served.contains(gm.memberId())) {
                memberships.add(gm.groupId() + "|" + gm.memberId());
            }
        }
        return new RosterSnapshot(members, people, links, details, groups, memberships);
    }

    /** Every set of this snapshot equals the expected one's; if not, the message shows a few rows of each side's difference. */
    void assertSameAs(RosterSnapshot expected) {
        same("members", members, expected.members);
        same("people", people, expected.people);
        same("links", links, expected.links);
        same("details", details, expected.details);
        same("groups", groups, expected.groups);
        same("memberships", memberships, expected.memberships);
    }

    private static void same(String what, Set<String> actual, Set<String> expected) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        Set<String> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        assertThat(missing.size() + extra.size()).as("%s: %d missing, first %s; %d not expected, first %s", what,
                missing.size(), missing.stream().limit(4).toList(), extra.size(), extra.stream().limit(4).toList())
                .isZero();
    }

    int rows() {
        return members.size() + people.size() + links.size() + details.size() + groups.size() + memberships.size();
    }

    private static String s(Object value) {
        return value == null ? "" : value.toString();
    }
}
