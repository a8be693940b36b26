package org.misbridge.oneroster.provider.internal.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.sync.internal.ExportFolderComponent;
import org.misbridge.testkit.GeneratedSchool;
import org.misbridge.testkit.SchoolGenerator;

/**
 * Issue 22's CSV round trip at 10,000 students: a generated school synced into a real H2 store,
 * exported as a OneRoster 1.2 bulk CSV zip, read back by our OneRoster CSV reader and synced into a
 * second store gives the same directory ({@link RosterSnapshot}), and syncing the export again
 * changes nothing.
 */
class BulkCsvRoundTripTest {
    private static final String SCHOOL = "rt";

    @Test
    void aGeneratedSchoolComesBackTheSameAndAResyncChangesNothing(@TempDir Path dir) throws Exception {
        GeneratedSchool generated = SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of(SCHOOL, 10_000, 22L),
                dir.resolve("mis"));
        SyncedSchool original = SyncedSchool.fromCsv(SCHOOL, dir.resolve("mis"));
        assertThat(original.sync().outcome()).isEqualTo(SyncOutcome.SUCCESS);
        DirectoryState before = original.directory.load(SCHOOL);
        // the original is the generator's school: its counts, not ours
        assertThat(count(before, MemberKind.STUDENT, null)).isEqualTo(generated.students());
        assertThat(count(before, MemberKind.STUDENT, EnrolmentState.PRE_ADMISSION)).isEqualTo(generated.preAdmissions());
        assertThat(count(before, MemberKind.STUDENT, EnrolmentState.LEAVER)).isEqualTo(generated.leavers());
        assertThat(count(before, MemberKind.STAFF, null)).isEqualTo(generated.staff());

        Path exports = Files.createDirectories(dir.resolve("exports"));
        OneRosterExport export = new OneRosterExport(original.directory, original.service, original.directory.auditTrail(),
                new ExportFolderComponent(exports.toString(), null, null, List.of()), Clock.systemUTC());
        long t0 = System.nanoTime();
        OneRosterExport.Written written = export.export(SCHOOL, "rt-bulk", "karaf");
        long exported = System.nanoTime();
        assertThat(written.file()).isEqualTo(exports.toRealPath().resolve("rt-bulk.zip"));

        SyncedSchool copy = SyncedSchool.fromCsv(SCHOOL, written.file());
        SyncRun first = copy.sync();
        long synced = System.nanoTime();
        assertThat(first.outcome()).as(first.message()).isEqualTo(SyncOutcome.SUCCESS);
        RosterSnapshot expected = RosterSnapshot.of(before);
        RosterSnapshot actual = RosterSnapshot.of(copy.directory.load(SCHOOL));
        actual.assertSameAs(expected);

        SyncRun again = copy.syncForced(); // read and planned again, not skipped on the token
        assertThat(again.outcome()).isEqualTo(SyncOutcome.SUCCESS);
        assertThat(List.of(again.created(), again.updated(), again.removed())).containsExactly(0, 0, 0);
        System.out.printf("CSV round trip, %d students: %d rows compared; export %d ms (%d CSV rows, %d bytes), "
                + "read and sync of the export %d ms%n", generated.students(), expected.rows(),
                (exported - t0) / 1_000_000, written.counts().total(), Files.size(written.file()),
                (synced - exported) / 1_000_000);
    }

    private static long count(DirectoryState state, MemberKind kind, EnrolmentState wanted) {
        return state.members().stream().filter(m -> m.kind() == kind)
                .filter(m -> wanted == null || m.state() == wanted).map(Member::id).count();
    }
}
