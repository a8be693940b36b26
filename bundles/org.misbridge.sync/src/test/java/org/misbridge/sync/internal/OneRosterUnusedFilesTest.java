package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.directory.DataIssue;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.mis.oneroster.internal.Limits;
import org.misbridge.mis.oneroster.internal.OneRosterCsvReader;

/**
 * Issue 17, rule 5: a file or manifest entry that the snapshot does not use never refuses a sync;
 * each of its problems is one data issue naming file, row and column, and the sync goes on. The
 * files the snapshot is made from stay strict.
 */
class OneRosterUnusedFilesTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    private static final String SCHOOL = "elmhurst";
    private static final String ORG = "org-elm,active,2026-03-01,Elmhurst School,school,ELM,";

    @TempDir
    Path temp;

    private static String manifest12(String extra) {
        return "propertyName,value\r\nmanifest.version,1.0\r\noneroster.version,1.2\r\n"
                + "file.academicSessions,absent\r\nfile.categories,absent\r\nfile.classes,bulk\r\nfile.classResources,absent\r\n"
                + "file.courses,absent\r\nfile.courseResources,absent\r\nfile.demographics,bulk\r\nfile.enrollments,bulk\r\n"
                + "file.lineItemLearningObjectiveIds,absent\r\nfile.lineItems,absent\r\nfile.lineItemScoreScales,absent\r\n"
                + "file.orgs,bulk\r\nfile.resources,absent\r\nfile.resultLearningObjectiveIds,absent\r\nfile.results,absent\r\n"
                + "file.resultScoreScales,absent\r\nfile.roles,bulk\r\n" + extra
                + "file.users,bulk\r\nsource.systemName,Hand written\r\nsource.systemCode,test\r\n";
    }

    private static OneRosterFiles elmhurst12(String manifestExtra) {
        return OneRosterFiles.v12("bulk")
                .text("manifest.csv", manifest12(manifestExtra))
                .csv("orgs.csv", OneRosterFiles.ORGS, ORG)
                .csv("users.csv", OneRosterFiles.USERS_12,
                        "s1,active,2026-03-01,true,s1,,Ava,Ash,,,,,,,07,,,,,,,org-elm,",
                        "t1,active,2026-03-01,true,t1,,Tom,Teak,,,t1@elm.example,,,,,,,,,,,org-elm,")
                .csv("roles.csv", OneRosterFiles.ROLES_12,
                        "r1,active,2026-03-01,s1,primary,student,,,org-elm,", "r2,active,2026-03-01,t1,primary,teacher,,,org-elm,")
                .csv("classes.csv", OneRosterFiles.CLASSES, "k1,active,2026-03-01,7A,07,,7A,homeroom,,org-elm,,,,")
                .csv("enrollments.csv", OneRosterFiles.ENROLLMENTS, "e1,active,2026-03-01,k1,org-elm,s1,student,false,,")
                // the older (1.0) column naming, header only
                .csv("demographics.csv", "userSourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,"
                        + "asian,blackOrAfricanAmerican,nativeHawaiianOrOtherPacificIslander,white,demographicRaceTwoOrMoreRaces,"
                        + "hispanicOrLatinoEthnicity,countryOfBirthCode,stateOfBirthAbbreviation,cityOfBirth,"
                        + "publicSchoolResidenceStatus");
    }

    private SyncRun sync(ReaderIntoStore school, Path set) {
        return school.sync(DAY, clock -> new OneRosterCsvReader(SCHOOL, set, null, clock, Limits.defaults()));
    }

    @Test
    void blankManifestEntriesAndABrokenDemographicsFileAreDataIssuesAndTheSyncGoesOn() throws Exception {
        Path set = elmhurst12("file.scoreScales,\r\nfile.userProfiles,\r\nfile.userResources,\r\n").folder(temp.resolve("elm"));
        ReaderIntoStore school = new ReaderIntoStore(SCHOOL);

        SyncRun run = sync(school, set);

        assertThat(run.outcome()).isEqualTo(SyncOutcome.SUCCESS);
        assertThat(school.state().members()).extracting(Member::id).containsExactlyInAnyOrder("s1", "t1");
        assertThat(school.issues()).filteredOn(i -> i.kind().equals("unused-file"))
                .extracting(DataIssue::field, DataIssue::reason)
                .containsExactlyInAnyOrder(
                        tuple("value", "manifest.csv, row 21, column value: file.scoreScales is blank; expected bulk, delta or "
                                + "absent (the file is not used, so the sync went on)"),
                        tuple("value", "manifest.csv, row 22, column value: file.userProfiles is blank; expected bulk, delta or "
                                + "absent (the file is not used, so the sync went on)"),
                        tuple("value", "manifest.csv, row 23, column value: file.userResources is blank; expected bulk, delta "
                                + "or absent (the file is not used, so the sync went on)"),
                        tuple("sourcedId", "demographics.csv, row 1, column sourcedId: the header has no column sourcedId "
                                + "(found, in file order: userSourcedId, status, dateLastModified, birthDate, sex, "
                                + "americanIndianOrAlaskaNative, asian, blackOrAfricanAmerican, "
                                + "nativeHawaiianOrOtherPacificIslander, white, demographicRaceTwoOrMoreRaces, "
                                + "hispanicOrLatinoEthnicity, countryOfBirthCode, stateOfBirthAbbreviation, cityOfBirth, "
                                + "publicSchoolResidenceStatus) (the file is not used, so the sync went on)"));
    }

    @Test
    void aOneRoster11ZipWithABrokenUnusedFileImportsAndSaysSoOnce() throws Exception {
        OneRosterFiles set = OneRosterFiles.v11("bulk")
                .csv("orgs.csv", OneRosterFiles.ORGS, ORG)
                .csv("users.csv", OneRosterFiles.USERS_11, "s1,,,true,org-elm,student,s1,,Ava,Ash,,,,,,,07,")
                .csv("classes.csv", OneRosterFiles.CLASSES, "k1,,,7A,07,,7A,homeroom,,org-elm,,,,")
                .csv("enrollments.csv", OneRosterFiles.ENROLLMENTS, "e1,,,k1,org-elm,s1,student,false,,")
                // two bad dates: one issue for the file, naming the first
                .mode("demographics", "bulk")
                .csv("demographics.csv", "sourcedId,status,dateLastModified,birthDate,sex",
                        "s1,,,2014-02-30,female", "s9,,,someday,male");
        ReaderIntoStore school = new ReaderIntoStore(SCHOOL);

        SyncRun run = sync(school, set.zip(temp.resolve("elm11.zip")));

        assertThat(run.outcome()).isEqualTo(SyncOutcome.SUCCESS);
        assertThat(school.member("s1")).isPresent();
        assertThat(school.issues()).filteredOn(i -> i.kind().equals("unused-file")).singleElement().satisfies(i -> {
            assertThat(i.field()).isEqualTo("birthDate");
            assertThat(i.reason()).startsWith("demographics.csv, row 2, column birthDate: '2014-02-30' is not a date");
        });
    }

    @Test
    void aFileTheSnapshotUsesStaysStrict() throws Exception {
        ReaderIntoStore school = new ReaderIntoStore(SCHOOL);
        assertThat(sync(school, elmhurst12("").folder(temp.resolve("good"))).outcome()).isEqualTo(SyncOutcome.SUCCESS);
        var before = school.state();

        OneRosterFiles broken = elmhurst12("");
        broken.text("manifest.csv", manifest12("").replace("file.roles,bulk", "file.roles,"));
        SyncRun run = sync(school, broken.folder(temp.resolve("broken")));

        assertThat(run.outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(run.message()).isEqualTo("manifest.csv, row 20, column value: file.roles is blank; expected bulk, delta or absent");
        assertThat(school.state().members()).isEqualTo(before.members());
    }
}
