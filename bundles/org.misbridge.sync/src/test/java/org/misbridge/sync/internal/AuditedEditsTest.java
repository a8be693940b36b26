package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.DirectoryEdits.Adult;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.directory.AuditRecord;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.testkit.SchoolGenerator;

/**
 * The edits and syncs that are audited are audited through the services, whoever calls them (here
 * the host's own code, outside any shell session, so the actor is {@code unknown}); no console
 * command is involved.
 */
class AuditedEditsTest {

    private static final String SCHOOL = "audited";

    private SchoolHarness real;

    @BeforeEach
    void syncedSchool(@TempDir Path dir) throws IOException {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-a", 30, 4L), dir);
        real = SchoolHarness.school(SCHOOL).csv(dir).build();
        assertThat(real.service().sync(SCHOOL, SyncOptions.normal()).outcome()).isEqualTo(SyncOutcome.SUCCESS);
    }

    private List<AuditRecord> trail() {
        return real.directory().auditTrail().auditTrail(SCHOOL, 10);
    }

    @Test
    void removingUnlinkingAndDeletingAGroupAreAuditedAndOtherEditsAreNot() {
        real.service().addMember(SCHOOL, "coach-1", MemberKind.OTHER, "Carl", "Coach");
        real.service().link(SCHOOL, "coach-1", new Adult("coach-1-partner", "Pat", "Coach", "Partner", null, null), 1,
                true, Origin.MANUAL);
        real.service().createGroup(SCHOOL, "trip", "Paris trip");
        real.service().addToGroup(SCHOOL, "trip", List.of("coach-1"));
        assertThat(trail()).as("adding is not audited").isEmpty();

        real.service().unlink(SCHOOL, "coach-1", "coach-1-partner");
        real.service().deleteGroup(SCHOOL, "trip");
        real.service().removeMember(SCHOOL, "coach-1");

        assertThat(trail()).extracting(AuditRecord::actor, AuditRecord::action, AuditRecord::target, AuditRecord::affected)
                .containsExactly(
                        tuple("unknown", "remove-member", "coach-1", 1),
                        tuple("unknown", "group-delete", "trip", 1),
                        tuple("unknown", "unlink", "coach-1/coach-1-partner", 1));
    }

    @Test
    void aRefusedEditLeavesNoRecord() {
        Link imported = real.directory().load(SCHOOL).links().stream().filter(l -> l.origin() == Origin.IMPORT)
                .findFirst().orElseThrow();

        assertThatThrownBy(() -> real.service().unlink(SCHOOL, imported.memberId(), imported.personId()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(trail()).isEmpty();
    }

    @Test
    void onlyAForcedSyncIsAudited() {
        assertThat(real.service().sync(SCHOOL, SyncOptions.normal()).outcome()).isEqualTo(SyncOutcome.SUCCESS);
        assertThat(real.service().sync(SCHOOL, new SyncOptions(true, true)).outcome()).isEqualTo(SyncOutcome.DRY_RUN);
        assertThat(trail()).as("a normal sync and a dry run are not audited").isEmpty();

        SyncRun forced = real.service().sync(SCHOOL, new SyncOptions(false, true));

        // the school is unchanged since its last sync: the forced run changes nothing, and says so
        assertThat(forced.outcome()).isEqualTo(SyncOutcome.SUCCESS);
        assertThat(trail()).singleElement().satisfies(a -> {
            assertThat(a.actor()).isEqualTo("unknown");
            assertThat(a.action()).isEqualTo("sync --force");
            assertThat(a.target()).isEqualTo("run of " + forced.startedAt());
            assertThat(a.affected()).isZero();
        });
    }
}
