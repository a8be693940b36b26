package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.testkit.SchoolGenerator;

/** The delete-leavers queue on a real synced school: what goes, what stays gone, and a restart mid-queue. */
class LeaverDeletionTest {

    private static List<String> leavers(DirectoryState state) {
        return state.members().stream().filter(m -> m.kind() == MemberKind.STUDENT && m.state() == EnrolmentState.LEAVER)
                .map(Member::id).sorted().toList();
    }

    @Test
    void queuedLeaversGoWithTheirLinksAndLoneAdultsAndAReimportDoesNotBringThemBack(@TempDir Path dir) throws IOException {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-del", 150, 13L), dir);
        RealSchool real = new RealSchool("del", dir, Map.of("contacts_maxPriority", 3));
        assertThat(real.service.sync("del", SyncOptions.normal()).outcome()).isEqualTo(SyncOutcome.SUCCESS);
        DirectoryState before = real.directory.load("del");
        List<String> leavers = leavers(before);
        assertThat(leavers).hasSizeGreaterThan(1);
        String onRoll = before.members().stream().filter(m -> m.state() == EnrolmentState.ON_ROLL).findFirst().orElseThrow().id();
        List<String> queue = List.of(leavers.get(0), leavers.get(1), onRoll);

        real.directory.queueDeletion("del", queue, "test");
        real.service.processDeletionQueue("del");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> real.directory.deletionQueue("del").isEmpty());

        DirectoryState after = real.directory.load("del");
        Set<String> gone = Set.of(leavers.get(0), leavers.get(1));
        assertThat(after.members()).extracting(Member::id).doesNotContainAnyElementsOf(gone).contains(onRoll);
        assertThat(after.links()).noneMatch(l -> gone.contains(l.memberId()));
        assertThat(after.memberships()).noneMatch(g -> gone.contains(g.memberId()));
        // every adult left is still linked to someone, and every detail left has an owner
        Set<String> linked = new java.util.HashSet<>();
        after.links().forEach(l -> linked.add(l.personId()));
        assertThat(after.people()).allMatch(p -> linked.contains(p.id()));
        Set<String> owners = new java.util.HashSet<>(linked);
        after.members().forEach(m -> owners.add(m.id()));
        assertThat(after.details()).allMatch(d -> owners.contains(d.ownerId()));
        assertThat(real.directory.deletedMembers("del")).isEqualTo(gone);

        SyncRun again = real.service.sync("del", SyncOptions.normal());
        assertThat(again.outcome()).isEqualTo(SyncOutcome.SUCCESS);
        assertThat(again.created()).as("the MIS still lists them as leavers; they stay deleted").isZero();
        assertThat(real.directory.load("del").members()).extracting(Member::id).doesNotContainAnyElementsOf(gone);
    }

    @Test
    void aQueueLeftByARestartIsFinishedWhenTheSchoolComesBack(@TempDir Path dir) throws IOException {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-del", 150, 13L), dir);
        RealSchool before = new RealSchool("del", dir, Map.of());
        before.service.sync("del", SyncOptions.normal());
        List<String> leavers = leavers(before.directory.load("del"));
        before.directory.queueDeletion("del", leavers, "test"); // queued, then the host went down
        before.school.deactivate(org.osgi.service.component.ComponentConstants.DEACTIVATION_REASON_DISPOSED);

        RealSchool restarted = new RealSchool("del", dir, Map.of("deletion_restartDelaySeconds", 0), before.directory);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> restarted.directory.deletionQueue("del").isEmpty());
        assertThat(leavers(restarted.directory.load("del"))).isEmpty();
        assertThat(restarted.directory.deletedMembers("del")).containsExactlyInAnyOrderElementsOf(leavers);
    }
}
