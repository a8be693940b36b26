package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.sync.plan.DeletionThreshold;
import org.misbridge.sync.plan.ImportSettings;

/**
 * Issue 23, item 2: the deletion threshold protects schools of every size. With the defaults
 * (10%, 500, floor 5) a sync may mark as leavers at most the larger of a tenth of the students on
 * roll (rounded down) and the floor, which is a quarter of them (rounded down) but never more than
 * 5; and a whole-roll read that would leave a tenth of the roll or less is a failed read, which
 * --force cannot apply. Worked by hand in README ("Small schools"):
 * <pre>
 *   on roll   tenth   quarter   floor   may leave   near-empty read
 *         6       0         1       1           1   0 left
 *        10       1         2       2           2   1 left or fewer
 *        60       6        15       5           6   6 left or fewer
 *     2,000     200       500       5         200   200 left or fewer
 * </pre>
 */
class SmallSchoolThresholdTest {

    private static RecordedSchool synced(int pupils) {
        RecordedSchool school = new RecordedSchool(RecordedSchool.Store.H2);
        school.onRoll(pupils);
        assertThat(school.sync().outcome()).isEqualTo(SyncOutcome.SUCCESS);
        return school;
    }

    /** The MIS now lists only the first {@code kept} of the pupils. */
    private static SyncRun readOnly(RecordedSchool school, int kept, SyncOptions options) {
        school.students.subList(kept, school.students.size()).clear();
        return school.sync(ImportSettings.defaults(), DeletionThreshold.defaults(), options);
    }

    private static long leavers(RecordedSchool school) {
        return school.state().members().stream().filter(m -> m.state() == EnrolmentState.LEAVER).count();
    }

    @Test
    void aTenPupilSchoolThatReadsFiveIsRefused() throws Exception {
        try (RecordedSchool school = synced(10)) {
            List<Member> before = school.state().members();

            SyncRun run = readOnly(school, 5, SyncOptions.normal());

            assertThat(run.outcome()).isEqualTo(SyncOutcome.REFUSED);
            assertThat(run.message()).contains("students: 5 of 10");
            assertThat(school.state().members()).isEqualTo(before);
        }
    }

    @Test
    void aSixPupilSchoolThatReadsOneIsRefused() throws Exception {
        try (RecordedSchool school = synced(6)) {
            SyncRun run = readOnly(school, 1, SyncOptions.normal());

            assertThat(run.outcome()).isEqualTo(SyncOutcome.REFUSED);
            assertThat(leavers(school)).isZero();
        }
    }

    @ParameterizedTest(name = "{0} on roll: {1} leavers pass, {2} are refused")
    @CsvSource({"6, 1, 2", "10, 2, 3", "60, 6, 7", "2000, 200, 201"})
    void aSchoolMayLoseItsShareOrItsFloorWhicheverIsLargerAndNoMore(int pupils, int passes, int refused) throws Exception {
        try (RecordedSchool school = synced(pupils)) {
            assertThat(readOnly(school, pupils - passes, SyncOptions.normal()).outcome()).isEqualTo(SyncOutcome.SUCCESS);
            assertThat(leavers(school)).isEqualTo(passes);
        }
        try (RecordedSchool school = synced(pupils)) {
            assertThat(readOnly(school, pupils - refused, SyncOptions.normal()).outcome()).isEqualTo(SyncOutcome.REFUSED);
            assertThat(leavers(school)).isZero();
        }
    }

    @ParameterizedTest(name = "{0} on roll, a read of {1}: failed, even with --force")
    @CsvSource({"6, 0", "10, 1", "60, 6", "2000, 200"})
    void aNearEmptyReadFailsWhateverTheSizeAndForceCannotApplyIt(int pupils, int read) throws Exception {
        try (RecordedSchool school = synced(pupils)) {
            SyncRun run = readOnly(school, read, SyncOptions.normal());
            assertThat(run.outcome()).isEqualTo(SyncOutcome.FAILED);

            SyncRun forced = school.sync(ImportSettings.defaults(), DeletionThreshold.defaults(), new SyncOptions(false, true));
            assertThat(forced.outcome()).isEqualTo(SyncOutcome.FAILED);
            assertThat(forced.message()).contains("broken read");
            assertThat(leavers(school)).isZero();
        }
    }

    @ParameterizedTest(name = "{0} on roll, a read of {1}: refused, not failed")
    @CsvSource({"6, 1", "60, 7", "2000, 201"})
    void aReadJustAboveNearEmptyIsForTheThresholdToJudge(int pupils, int read) throws Exception {
        try (RecordedSchool school = synced(pupils)) {
            assertThat(readOnly(school, read, SyncOptions.normal()).outcome()).isEqualTo(SyncOutcome.REFUSED);
        }
    }
}
