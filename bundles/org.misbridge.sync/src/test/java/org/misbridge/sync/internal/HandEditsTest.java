package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.DirectoryEdits.Adult;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.GroupMembership;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.testkit.SchoolGenerator;

/** Rule 7 through the edits service on a real synced school: what people make, import leaves alone. */
class HandEditsTest {

    private SchoolHarness real;

    @BeforeEach
    void syncedSchool(@TempDir Path dir) throws IOException {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-h", 60, 3L), dir);
        real = SchoolHarness.school("hand").csv(dir).settings(Map.of("contacts_maxPriority", 9)).build();
        assertThat(syncNow().outcome()).isEqualTo(SyncOutcome.SUCCESS);
    }

    private SyncRun syncNow() {
        return real.service().sync("hand", SyncOptions.normal());
    }

    private DirectoryState state() {
        return real.directory().load("hand");
    }

    private String aStudentWithFewerThanFourAdults() {
        DirectoryState s = state();
        return s.members().stream().filter(m -> m.kind() == MemberKind.STUDENT)
                .filter(m -> s.links().stream().filter(l -> l.memberId().equals(m.id())).count() < 4)
                .map(Member::id).findFirst().orElseThrow();
    }

    @Test
    void aHandAddedMemberWithTheirLinkedAdultSurvivesReimport() {
        real.service().addMember("hand", "coach-1", MemberKind.OTHER, "Carl", "Coach");
        real.service().link("hand", "coach-1", new Adult("coach-1-partner", "Pat", "Coach", "Partner",
                "pat@example.org", "07700 900 123"), 1, true, Origin.MANUAL);
        DirectoryState before = state();

        SyncRun again = syncNow();

        assertThat(again.outcome()).isEqualTo(SyncOutcome.SUCCESS);
        assertThat(List.of(again.created(), again.updated(), again.removed())).containsOnly(0);
        assertThat(state()).isEqualTo(before);
        assertThat(before.details()).filteredOn(d -> d.ownerId().equals("coach-1-partner"))
                .extracting(d -> d.value()).containsExactlyInAnyOrder("pat@example.org", "07700900123");
    }

    @Test
    void aWebRegisteredLinkIsKeptThroughReimportAndTakesOneOfTheFourPlaces() {
        String student = aStudentWithFewerThanFourAdults();
        real.service().link("hand", student, new Adult("web-gran", "Gran", "Web", "Grandparent", "gran@example.org", null),
                5, false, Origin.WEB);

        syncNow();

        assertThat(state().links()).contains(new Link(student, "web-gran", 5, false, "Grandparent",
                org.misbridge.api.model.ParentalResponsibility.UNKNOWN, Origin.WEB));
        while (state().links().stream().filter(l -> l.memberId().equals(student)).count() < 4) {
            long n = state().links().stream().filter(l -> l.memberId().equals(student)).count();
            real.service().link("hand", student, new Adult("extra-" + n, "Extra", "Adult", null, null, null), 6, false, Origin.MANUAL);
        }
        assertThatThrownBy(() -> real.service().link("hand", student, new Adult("fifth", "Fifth", "Adult", null, null, null),
                7, false, Origin.MANUAL)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 4");
        assertThat(state().people()).noneMatch(p -> p.id().equals("fifth"));
    }

    @Test
    void aCustomGroupIsCreatedEditedAndDeletedAndImportLeavesItAlone() {
        String student = aStudentWithFewerThanFourAdults();
        real.service().addMember("hand", "gov-1", MemberKind.OTHER, "Gina", "Governor");
        real.service().createGroup("hand", "trip", "Paris trip");
        real.service().addToGroup("hand", "trip", List.of(student, "gov-1"));
        real.service().renameGroup("hand", "trip", "Paris trip 2027");

        syncNow();

        assertThat(state().groups()).filteredOn(g -> g.id().equals("trip")).singleElement()
                .satisfies(g -> assertThat(g.name()).isEqualTo("Paris trip 2027"));
        assertThat(state().memberships()).contains(new GroupMembership("trip", student), new GroupMembership("trip", "gov-1"));

        real.service().deleteGroup("hand", "trip");
        assertThat(state().groups()).noneMatch(g -> g.id().equals("trip"));
        assertThat(state().memberships()).noneMatch(m -> m.groupId().equals("trip"));
    }

    @Test
    void rowsFromTheMisCannotBeChangedByHandAndARefusedEditChangesNothing() {
        DirectoryState before = state();
        String student = before.members().stream().filter(m -> m.kind() == MemberKind.STUDENT).findFirst().orElseThrow().id();
        String importedGroup = before.groups().get(0).id();
        Link importedLink = before.links().get(0);

        assertThatThrownBy(() -> real.service().removeMember("hand", student)).hasMessageContaining("came from the MIS");
        assertThatThrownBy(() -> real.service().renameGroup("hand", importedGroup, "Mine")).hasMessageContaining("came from the MIS");
        assertThatThrownBy(() -> real.service().unlink("hand", importedLink.memberId(), importedLink.personId()))
                .hasMessageContaining("came from the MIS");
        assertThatThrownBy(() -> real.service().addMember("hand", student, MemberKind.OTHER, "Dup", "Licate"))
                .hasMessageContaining("already exists (from the MIS)");
        assertThatThrownBy(() -> real.service().link("hand", aStudentWithFewerThanFourAdults(),
                new Adult("bad", "Bad", "Email", null, "not-an-address", null), 2, false, Origin.MANUAL))
                .hasMessageContaining("email").hasMessageContaining("not-an-address");
        assertThatThrownBy(() -> real.service().addMember("nowhere", "x", MemberKind.OTHER, "A", "B"))
                .hasMessageContaining("no school 'nowhere'");

        assertThat(state()).isEqualTo(before);
    }

    @Test
    void removingAHandAddedMemberTakesTheirHandMadeLinksAndOrphanedPeopleWithThem() {
        real.service().addMember("hand", "coach-2", MemberKind.OTHER, "Cora", "Coach");
        real.service().link("hand", "coach-2", new Adult("coach-2-mum", "Mo", "Coach", null, "mo@example.org", null),
                1, true, Origin.MANUAL);
        real.service().createGroup("hand", "team", "Netball");
        real.service().addToGroup("hand", "team", List.of("coach-2"));

        real.service().removeMember("hand", "coach-2");

        DirectoryState after = state();
        assertThat(after.members()).noneMatch(m -> m.id().equals("coach-2"));
        assertThat(after.people()).noneMatch(p -> p.id().equals("coach-2-mum"));
        assertThat(after.details()).noneMatch(d -> d.ownerId().equals("coach-2-mum"));
        assertThat(after.memberships()).noneMatch(m -> m.memberId().equals("coach-2"));
    }
}
