package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.model.ApplicationStatus;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.mis.oneroster.internal.Limits;
import org.misbridge.mis.oneroster.internal.OneRosterCsvReader;
import org.misbridge.sync.plan.ImportSettings;

/**
 * Issue 17, rule 4: class enrolment dates alone never decide whether a OneRoster student has left
 * or is still to come. An export taken in the summer rollover gap leaves every active student on
 * roll with nothing changed; the school-level signals (status, enabledUser, a 1.2 student role's
 * dates, a school-level enrolment's dates, absence from a bulk set) decide, as the README says.
 */
class OneRosterRollStateTest {

    private static final String SCHOOL = "cedar";
    private static final String ORG = "org-cedar,active,2026-01-05,Cedar Academy,school,CED,";
    private static final LocalDate SUMMER_TERM = LocalDate.of(2026, 6, 15);
    private static final LocalDate ROLLOVER_GAP = LocalDate.of(2026, 8, 20);

    @TempDir
    Path temp;

    private static ImportSettings withPreAdmissions() {
        return new ImportSettings(true, false, Set.of(1), 1, false, true, true, true);
    }

    private static final String[] USERS = {
        "s1,,,true,org-cedar,student,s1,,Ava,Ash,,,,,,,07,",
        "s2,,,true,org-cedar,student,s2,,Bea,Birch,,,,,,,08,",
        "t1,,,true,org-cedar,teacher,t1,,Tom,Teak,,,t1@cedar.example,,,,,"};
    private static final String CLASSES_THIS_YEAR = "k-7ma,,,Maths 7,07,,MA7,scheduled,,org-cedar,,,,";
    private static final String CLASSES_NEXT_YEAR = "k-8ma,,,Maths 8,08,,MA8,scheduled,,org-cedar,,,,";
    private static final String[] THIS_YEAR = {
        "e1,,,k-7ma,org-cedar,s1,student,false,2025-09-03,2026-07-22",
        "e2,,,k-7ma,org-cedar,s2,student,false,2025-09-03,2026-07-22",
        "e3,,,k-7ma,org-cedar,t1,teacher,true,2025-09-03,2026-07-22"};
    private static final String[] NEXT_YEAR = {
        "n1,,,k-8ma,org-cedar,s1,student,false,2026-09-02,2027-07-21",
        "n2,,,k-8ma,org-cedar,s2,student,false,2026-09-02,2027-07-21",
        "n3,,,k-8ma,org-cedar,t1,teacher,true,2026-09-02,2027-07-21"};

    private static Path set(Path folder, String[] enrolments, String... users) throws Exception {
        return OneRosterFiles.v11("bulk")
                .csv("orgs.csv", OneRosterFiles.ORGS, ORG)
                .csv("users.csv", OneRosterFiles.USERS_11, users.length == 0 ? USERS : users)
                .csv("classes.csv", OneRosterFiles.CLASSES, CLASSES_THIS_YEAR, CLASSES_NEXT_YEAR)
                .csv("enrollments.csv", OneRosterFiles.ENROLLMENTS, enrolments)
                .folder(folder);
    }

    private static SyncRun sync(ReaderIntoStore school, LocalDate day, Path set) {
        return school.sync(day, clock -> new OneRosterCsvReader(SCHOOL, set, null, clock, Limits.defaults()));
    }

    private static String[] both(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** 0: last year's enrolments only (all ended); 1: next year's only (none begun); 2: both. */
    @ParameterizedTest(name = "gap export {0}")
    @ValueSource(ints = {0, 1, 2})
    void anExportInTheRolloverGapKeepsEveryActiveStudentOnRollAndChangesNothing(int which) throws Exception {
        ReaderIntoStore school = new ReaderIntoStore(SCHOOL).settings(withPreAdmissions());
        assertThat(sync(school, SUMMER_TERM, set(temp.resolve("june"), THIS_YEAR)).outcome()).isEqualTo(SyncOutcome.SUCCESS);
        assertThat(school.state().members()).extracting(Member::id, Member::state).containsExactlyInAnyOrder(
                tuple("s1", EnrolmentState.ON_ROLL), tuple("s2", EnrolmentState.ON_ROLL), tuple("t1", EnrolmentState.ON_ROLL));
        var before = school.state().members();

        String[] gap = which == 0 ? THIS_YEAR : which == 1 ? NEXT_YEAR : both(THIS_YEAR, NEXT_YEAR);
        SyncRun august = sync(school, ROLLOVER_GAP, set(temp.resolve("august"), gap));

        assertThat(august.outcome()).isEqualTo(SyncOutcome.SUCCESS);
        assertThat(school.state().members()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(school.counts().leavers()).isZero();
        assertThat(school.counts().preAdmissions()).isZero();
    }

    @Test
    void classEnrolmentsAllInTheFutureDoNotMakeAPreAdmissionNorGiveAnAdmissionDate() throws Exception {
        ReaderIntoStore school = new ReaderIntoStore(SCHOOL).settings(withPreAdmissions());
        sync(school, ROLLOVER_GAP, set(temp.resolve("next-only"), NEXT_YEAR));
        assertThat(school.member("s1").orElseThrow()).satisfies(m -> {
            assertThat(m.state()).isEqualTo(EnrolmentState.ON_ROLL);
            assertThat(m.admissionDate()).isNull();
        });
    }

    @Test
    void theSchoolLevelSignalsDecideLeaversAndPreAdmissions() throws Exception {
        ReaderIntoStore school = new ReaderIntoStore(SCHOOL).settings(withPreAdmissions());
        Path june = set(temp.resolve("june"), both(THIS_YEAR, new String[] {
            // school-level enrolments (no class), as some providers send: the dates of joining and leaving the school
            "sl-s3,,,,org-cedar,s3,student,false,2021-09-01,2026-05-29",
            "sl-s4,,,,org-cedar,s4,student,false,2026-09-02,",
            "sl-s1,,,,org-cedar,s1,student,false,2025-09-03,"}),
                "s1,,,true,org-cedar,student,s1,,Ava,Ash,,,,,,,07,",
                "s2,,,true,org-cedar,student,s2,,Bea,Birch,,,,,,,08,",
                "s3,,,true,org-cedar,student,s3,,Cal,Cole,,,,,,,11,",
                "s4,,,true,org-cedar,student,s4,,Dee,Dale,,,,,,,07,",
                "s5,,,false,org-cedar,student,s5,,Eli,Elm,,,,,,,09,",
                "t1,,,true,org-cedar,teacher,t1,,Tom,Teak,,,t1@cedar.example,,,,,");
        assertThat(sync(school, SUMMER_TERM, june).outcome()).isEqualTo(SyncOutcome.SUCCESS);

        assertThat(school.state().members()).extracting(Member::id, Member::state, Member::admissionDate, Member::leavingDate)
                .containsExactlyInAnyOrder(
                        tuple("s1", EnrolmentState.ON_ROLL, LocalDate.of(2025, 9, 3), null),
                        tuple("s2", EnrolmentState.ON_ROLL, null, null),
                        tuple("s3", EnrolmentState.LEAVER, LocalDate.of(2021, 9, 1), LocalDate.of(2026, 5, 29)),
                        tuple("s4", EnrolmentState.PRE_ADMISSION, LocalDate.of(2026, 9, 2), null),
                        tuple("s5", EnrolmentState.LEAVER, null, SUMMER_TERM),
                        tuple("t1", EnrolmentState.ON_ROLL, null, null));
        assertThat(school.member("s4").orElseThrow().applicationStatus()).isEqualTo(ApplicationStatus.ACCEPTED);

        // a later bulk set without s2: absent from a whole roll is a leaver from that day
        LocalDate july = LocalDate.of(2026, 7, 1);
        sync(school, july, set(temp.resolve("july"), THIS_YEAR, "s1,,,true,org-cedar,student,s1,,Ava,Ash,,,,,,,07,",
                "t1,,,true,org-cedar,teacher,t1,,Tom,Teak,,,t1@cedar.example,,,,,"));
        assertThat(school.member("s2").orElseThrow()).extracting(Member::state, Member::leavingDate)
                .containsExactly(EnrolmentState.LEAVER, july);
    }

    @Test
    void aOneRoster12StudentRoleDecidesByItsDatesAndADeltaDeletionMakesALeaver() throws Exception {
        Path sets = temp.resolve("sets");
        OneRosterFiles.v12("bulk")
                .csv("orgs.csv", OneRosterFiles.ORGS, ORG)
                .csv("users.csv", OneRosterFiles.USERS_12,
                        "s1,active,2026-06-01,true,s1,,Ava,Ash,,,,,,,07,,,,,,,org-cedar,",
                        "s2,active,2026-06-01,true,s2,,Bea,Birch,,,,,,,08,,,,,,,org-cedar,",
                        "s3,active,2026-06-01,true,s3,,Cal,Cole,,,,,,,11,,,,,,,org-cedar,",
                        "s4,active,2026-06-01,true,s4,,Dee,Dale,,,,,,,07,,,,,,,org-cedar,")
                .csv("roles.csv", OneRosterFiles.ROLES_12,
                        "r1,active,2026-06-01,s1,primary,student,2025-09-03,,org-cedar,",
                        "r2,active,2026-06-01,s2,primary,student,,,org-cedar,",
                        "r3,active,2026-06-01,s3,primary,student,2021-09-01,2026-05-29,org-cedar,",
                        "r4,active,2026-06-01,s4,primary,student,2026-09-02,,org-cedar,")
                .csv("classes.csv", OneRosterFiles.CLASSES, CLASSES_NEXT_YEAR)
                .csv("enrollments.csv", OneRosterFiles.ENROLLMENTS, NEXT_YEAR[0], NEXT_YEAR[1])
                .zip(sets.resolve("2026-08-19-bulk.zip"));
        ReaderIntoStore school = new ReaderIntoStore(SCHOOL).settings(withPreAdmissions());
        assertThat(school.sync(ROLLOVER_GAP, clock -> new OneRosterCsvReader(SCHOOL, sets, null, clock, Limits.defaults()))
                .outcome()).isEqualTo(SyncOutcome.SUCCESS);
        assertThat(school.state().members()).extracting(Member::id, Member::state, Member::admissionDate, Member::leavingDate)
                .containsExactlyInAnyOrder(
                        tuple("s1", EnrolmentState.ON_ROLL, LocalDate.of(2025, 9, 3), null),
                        tuple("s2", EnrolmentState.ON_ROLL, null, null),
                        tuple("s3", EnrolmentState.LEAVER, LocalDate.of(2021, 9, 1), LocalDate.of(2026, 5, 29)),
                        tuple("s4", EnrolmentState.PRE_ADMISSION, LocalDate.of(2026, 9, 2), null));

        // the next day's delta deletes s2
        OneRosterFiles.v12("delta")
                .csv("orgs.csv", OneRosterFiles.ORGS)
                .csv("users.csv", OneRosterFiles.USERS_12, "s2,tobedeleted,2026-08-20,true,s2,,Bea,Birch,,,,,,,08,,,,,,,org-cedar,")
                .csv("roles.csv", OneRosterFiles.ROLES_12)
                .csv("classes.csv", OneRosterFiles.CLASSES)
                .csv("enrollments.csv", OneRosterFiles.ENROLLMENTS)
                .zip(sets.resolve("2026-08-20-delta.zip"));
        LocalDate next = ROLLOVER_GAP.plusDays(1);
        school.sync(next, clock -> new OneRosterCsvReader(SCHOOL, sets, null, clock, Limits.defaults()));
        assertThat(school.member("s2").orElseThrow()).extracting(Member::state, Member::leavingDate)
                .containsExactly(EnrolmentState.LEAVER, LocalDate.of(2026, 8, 20));
        assertThat(school.member("s1").orElseThrow().state()).isEqualTo(EnrolmentState.ON_ROLL);
    }

    @Test
    void aFileWithoutAnAdmissionDateKeepsTheStoredOneAndADateInTheFileReplacesIt() throws Exception {
        ReaderIntoStore school = new ReaderIntoStore(SCHOOL).settings(withPreAdmissions());
        // s1 stored with the date of a school-level enrolment, as any earlier version stored it
        sync(school, SUMMER_TERM, set(temp.resolve("dated"), both(THIS_YEAR, new String[] {
            "sl-s1,,,,org-cedar,s1,student,false,2025-09-03,"})));
        assertThat(school.member("s1").orElseThrow().admissionDate()).isEqualTo(LocalDate.of(2025, 9, 3));

        // the provider stops sending school-level enrolments: the date is unknown, not gone
        SyncRun undated = sync(school, SUMMER_TERM.plusDays(1), set(temp.resolve("undated"), THIS_YEAR));
        assertThat(undated.outcome()).isEqualTo(SyncOutcome.SUCCESS);
        assertThat(undated.updated()).as("members updated by a file that says nothing new").isZero();
        assertThat(school.member("s1").orElseThrow().admissionDate()).isEqualTo(LocalDate.of(2025, 9, 3));
        assertThat(school.member("s2").orElseThrow().admissionDate()).isNull();

        // a date in the file wins
        sync(school, SUMMER_TERM.plusDays(2), set(temp.resolve("corrected"), both(THIS_YEAR, new String[] {
            "sl-s1,,,,org-cedar,s1,student,false,2025-09-10,"})));
        assertThat(school.member("s1").orElseThrow().admissionDate()).isEqualTo(LocalDate.of(2025, 9, 10));
    }
}
