package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.misbridge.api.directory.DirectoryGroup;
import org.misbridge.api.directory.GroupMembership;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.mis.oneroster.internal.Limits;
import org.misbridge.mis.oneroster.internal.OneRosterCsvReader;
import org.misbridge.sync.plan.ImportSettings;

/**
 * Issue 17, rule 1: a class or enrolment that OneRoster marks {@code tobedeleted} never becomes a
 * group or a membership, and one already in the directory goes at the next sync, whatever
 * {@code groups.activeOnly} says. The sets follow the OneRoster 1.1 and 1.2 CSV bindings, bulk and
 * delta, as a folder and as a zip.
 */
class DeletedClassesTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    private static final String SCHOOL = "oakfield";

    @TempDir
    Path temp;

    private static final String[] USERS_11 = {
        "s1,active,2026-03-01,true,org-oak,student,amy.able,,Amy,Able,,,,,,p1,07,",
        "s2,active,2026-03-01,true,org-oak,student,ben.best,,Ben,Best,,,,,,,07,",
        "t1,active,2026-03-01,true,org-oak,teacher,tess.teach,,Tess,Teach,,,tess@oakfield.example,,,,,",
        "p1,active,2026-03-01,true,org-oak,parent,pat.able,,Pat,Able,,,pat@home.example,07700900101,,s1,,"};
    private static final String ORG = "org-oak,active,2026-03-01,Oakfield School,school,OAK,";
    private static final String CLS_7A = "cls-7a,active,2026-03-01,7A,07,,7A,homeroom,,org-oak,,,,";
    private static final String CLS_MA = "cls-ma,active,2026-03-01,Maths 7,07,crs-ma,MA7,scheduled,,org-oak,,,,";
    private static final String CLS_HI = "cls-hi,active,2026-03-01,History 7,07,crs-hi,HI7,scheduled,,org-oak,,,,";
    private static final String CLS_HI_DELETED = "cls-hi,tobedeleted,2026-03-09,History 7,07,crs-hi,HI7,scheduled,,org-oak,,,,";
    private static final String[] ENROLMENTS = {
        "e1,active,2026-03-01,cls-7a,org-oak,s1,student,false,2025-09-03,2026-07-22",
        "e2,active,2026-03-01,cls-ma,org-oak,s1,student,false,2025-09-03,2026-07-22",
        "e3,active,2026-03-01,cls-hi,org-oak,s1,student,false,2025-09-03,2026-07-22",
        "e4,active,2026-03-01,cls-7a,org-oak,s2,student,false,2025-09-03,2026-07-22",
        "e5,active,2026-03-01,cls-ma,org-oak,s2,student,false,2025-09-03,2026-07-22",
        "e6,active,2026-03-01,cls-ma,org-oak,t1,teacher,true,2025-09-03,2026-07-22",
        "e7,active,2026-03-01,cls-hi,org-oak,t1,teacher,true,2025-09-03,2026-07-22"};
    // s2 was put into History by mistake: the enrolment is there, marked for deletion
    private static final String E8_DELETED = "e8,tobedeleted,2026-03-02,cls-hi,org-oak,s2,student,false,2025-09-03,2026-07-22";

    private static OneRosterFiles bulk11(String historyRow) {
        return OneRosterFiles.v11("bulk")
                .csv("orgs.csv", OneRosterFiles.ORGS, ORG)
                .csv("users.csv", OneRosterFiles.USERS_11, USERS_11)
                .csv("classes.csv", OneRosterFiles.CLASSES, CLS_7A, CLS_MA, historyRow)
                .csv("enrollments.csv", OneRosterFiles.ENROLLMENTS, concat(ENROLMENTS, E8_DELETED));
    }

    private ReaderIntoStore syncs(Path set, boolean activeOnly) {
        ReaderIntoStore school = new ReaderIntoStore(SCHOOL).settings(settings(activeOnly));
        assertThat(school.sync(DAY, clock -> new OneRosterCsvReader(SCHOOL, set, null, clock, Limits.defaults())).outcome())
                .isEqualTo(SyncOutcome.SUCCESS);
        return school;
    }

    static ImportSettings settings(boolean activeOnly) {
        ImportSettings d = ImportSettings.defaults();
        return new ImportSettings(d.importPreAdmissions(), activeOnly, d.primePriorities(), d.maxPriority(),
                d.requireParentalResponsibility(), d.unknownResponsibilityCounts(), d.importEmails(), d.importMobiles());
    }

    @ParameterizedTest(name = "groups.activeOnly={0}")
    @ValueSource(booleans = {false, true})
    void aClassToBeDeletedInABulkSetIsNoGroupAndHasNoMembers(boolean activeOnly) throws Exception {
        ReaderIntoStore school = syncs(bulk11(CLS_HI_DELETED).folder(temp.resolve("bulk")), activeOnly);

        assertThat(school.state().groups()).extracting(DirectoryGroup::id, DirectoryGroup::active)
                .containsExactlyInAnyOrder(tuple("cls-7a", true), tuple("cls-ma", true));
        assertThat(school.state().memberships()).containsExactlyInAnyOrder(
                new GroupMembership("cls-7a", "s1"), new GroupMembership("cls-7a", "s2"),
                new GroupMembership("cls-ma", "s1"), new GroupMembership("cls-ma", "s2"), new GroupMembership("cls-ma", "t1"));
    }

    @ParameterizedTest(name = "groups.activeOnly={0}")
    @ValueSource(booleans = {false, true})
    void aDeltaThatDeletesAClassAndAnEnrolmentRemovesTheGroupAndTheMemberships(boolean activeOnly) throws Exception {
        Path sets = temp.resolve("sets");
        bulk11(CLS_HI).folder(sets.resolve("2026-03-09-bulk"));
        ReaderIntoStore school = syncs(sets, activeOnly);
        assertThat(school.state().groups()).extracting(DirectoryGroup::id).containsExactlyInAnyOrder("cls-7a", "cls-ma", "cls-hi");
        assertThat(school.state().memberships()).contains(new GroupMembership("cls-hi", "s1"), new GroupMembership("cls-hi", "t1"));

        // the next day's delta: History is deleted, and so is Ben's Maths enrolment
        OneRosterFiles.v11("delta")
                .csv("classes.csv", OneRosterFiles.CLASSES, CLS_HI_DELETED)
                .csv("enrollments.csv", OneRosterFiles.ENROLLMENTS,
                        "e5,tobedeleted,2026-03-10,cls-ma,org-oak,s2,student,false,2025-09-03,2026-07-22")
                .csv("users.csv", OneRosterFiles.USERS_11)
                .csv("orgs.csv", OneRosterFiles.ORGS)
                .folder(sets.resolve("2026-03-10-delta"));
        assertThat(school.sync(DAY, clock -> new OneRosterCsvReader(SCHOOL, sets, null, clock, Limits.defaults())).outcome())
                .isEqualTo(SyncOutcome.SUCCESS);

        assertThat(school.state().groups()).extracting(DirectoryGroup::id).containsExactlyInAnyOrder("cls-7a", "cls-ma");
        assertThat(school.state().memberships()).containsExactlyInAnyOrder(
                new GroupMembership("cls-7a", "s1"), new GroupMembership("cls-7a", "s2"),
                new GroupMembership("cls-ma", "s1"), new GroupMembership("cls-ma", "t1"));
    }

    @Test
    void aOneRoster12ZipWithADeletedClassAndEnrolmentImportsNeither() throws Exception {
        OneRosterFiles set = OneRosterFiles.v12("bulk")
                .csv("orgs.csv", OneRosterFiles.ORGS, ORG)
                .csv("users.csv", OneRosterFiles.USERS_12,
                        "s1,active,2026-03-01,true,amy.able,,Amy,Able,,,,,,p1,07,,,,,,,org-oak,",
                        "s2,active,2026-03-01,true,ben.best,,Ben,Best,,,,,,,07,,,,,,,org-oak,",
                        "t1,active,2026-03-01,true,tess.teach,,Tess,Teach,,,tess@oakfield.example,,,,,,,,,,,org-oak,",
                        "p1,active,2026-03-01,true,pat.able,,Pat,Able,,,pat@home.example,07700900101,,s1,,,,,,,,org-oak,")
                .csv("roles.csv", OneRosterFiles.ROLES_12,
                        "r1,active,2026-03-01,s1,primary,student,,,org-oak,",
                        "r2,active,2026-03-01,s2,primary,student,,,org-oak,",
                        "r3,active,2026-03-01,t1,primary,teacher,,,org-oak,",
                        "r4,active,2026-03-01,p1,primary,parent,,,org-oak,")
                .csv("classes.csv", OneRosterFiles.CLASSES, CLS_7A, CLS_MA, CLS_HI_DELETED)
                .csv("enrollments.csv", OneRosterFiles.ENROLLMENTS, concat(ENROLMENTS, E8_DELETED));
        ReaderIntoStore school = syncs(set.zip(temp.resolve("oakfield-12.zip")), false);

        assertThat(school.state().groups()).extracting(DirectoryGroup::id).containsExactlyInAnyOrder("cls-7a", "cls-ma");
        assertThat(school.state().memberships()).extracting(GroupMembership::groupId).doesNotContain("cls-hi");
        assertThat(school.state().memberships()).hasSize(5);
        assertThat(school.member("s1").orElseThrow().registrationGroup()).isEqualTo("7A");
    }

    private static String[] concat(String[] rows, String... more) {
        String[] all = java.util.Arrays.copyOf(rows, rows.length + more.length);
        System.arraycopy(more, 0, all, rows.length, more.length);
        return all;
    }

}
