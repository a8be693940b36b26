package org.misbridge.leavers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DetailKind;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.GroupMembership;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.api.model.ParentalResponsibility;

class MergePlanTest {

    private static Member student(String id, Origin origin, EnrolmentState state) {
        return new Member(id, MemberKind.STUDENT, "Ada", "Lovelace", "9", null, state, null, null, null, origin);
    }

    private static Link link(String member, String person, Origin origin) {
        return new Link(member, person, 1, true, "Mother", ParentalResponsibility.YES, origin);
    }

    private static LinkedPerson person(String id) {
        return new LinkedPerson(id, "P", id, Origin.IMPORT);
    }

    @Test
    void theDuplicatesAdultsDetailsAndGroupsMoveAndItGoes() {
        DirectoryState state = new DirectoryState("s",
                List.of(student("keep", Origin.IMPORT, EnrolmentState.ON_ROLL), student("dup", Origin.MANUAL, EnrolmentState.ON_ROLL)),
                List.of(person("mum"), person("dad")),
                List.of(link("keep", "mum", Origin.IMPORT), link("dup", "mum", Origin.MANUAL), link("dup", "dad", Origin.MANUAL)),
                List.of(new ContactDetail("dup", DetailKind.EMAIL, "ada@example.org", false, Origin.MANUAL)),
                List.of(), List.of(new GroupMembership("chess", "dup"), new GroupMembership("7R", "keep"),
                        new GroupMembership("7R", "dup")), List.of());

        ChangeSet plan = MergePlan.of(state, "keep", "dup");

        assertThat(plan.members().removed()).extracting(Member::id).containsExactly("dup");
        assertThat(plan.links().created()).extracting(Link::memberId, Link::personId).containsExactly(
                org.assertj.core.groups.Tuple.tuple("keep", "dad"));
        assertThat(plan.links().removed()).hasSize(2);
        assertThat(plan.details().created()).extracting(ContactDetail::ownerId, ContactDetail::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("keep", "ada@example.org"));
        assertThat(plan.memberships().created()).containsExactly(new GroupMembership("chess", "keep"));
        assertThat(plan.people().removed()).as("the adults stay, now linked to the member kept").isEmpty();
    }

    @Test
    void importedLinksMovedByHandBecomeHandMadeSoImportLeavesThemAlone() {
        DirectoryState state = new DirectoryState("s",
                List.of(student("keep", Origin.MANUAL, EnrolmentState.ON_ROLL), student("dup", Origin.IMPORT, EnrolmentState.LEAVER)),
                List.of(person("gran")), List.of(link("dup", "gran", Origin.IMPORT)), List.of(), List.of(), List.of(), List.of());
        assertThat(MergePlan.of(state, "keep", "dup").links().created()).extracting(Link::origin).containsExactly(Origin.MANUAL);
    }

    @Test
    void aDuplicateTheMisStillHasOnRollIsRefusedBecauseImportWouldBringItBack() {
        DirectoryState state = new DirectoryState("s",
                List.of(student("keep", Origin.MANUAL, EnrolmentState.ON_ROLL), student("dup", Origin.IMPORT, EnrolmentState.ON_ROLL)),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        assertThatThrownBy(() -> MergePlan.of(state, "keep", "dup")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("import would bring it back").hasMessageContaining("merge keep into it");
    }

    @Test
    void moreThanFourAdultsOrAnUnknownOrSameMemberIsRefused() {
        List<Link> links = List.of(link("keep", "a", Origin.IMPORT), link("keep", "b", Origin.IMPORT),
                link("keep", "c", Origin.IMPORT), link("dup", "d", Origin.MANUAL), link("dup", "e", Origin.MANUAL));
        DirectoryState state = new DirectoryState("s",
                List.of(student("keep", Origin.IMPORT, EnrolmentState.ON_ROLL), student("dup", Origin.MANUAL, EnrolmentState.ON_ROLL)),
                List.of(), links, List.of(), List.of(), List.of(), List.of());
        assertThatThrownBy(() -> MergePlan.of(state, "keep", "dup")).hasMessageContaining("5 adults");
        assertThatThrownBy(() -> MergePlan.of(state, "keep", "nobody")).hasMessageContaining("no member 'nobody'");
        assertThatThrownBy(() -> MergePlan.of(state, "keep", "keep")).hasMessageContaining("the same");
    }
}
