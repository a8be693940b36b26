package org.misbridge.mis.oneroster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.misbridge.mis.oneroster.internal.OneRosterSets.clockAt;
import static org.misbridge.mis.oneroster.internal.OneRosterSets.set;
import static org.misbridge.mis.oneroster.internal.OneRosterSets.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.model.ApplicationStatus;
import org.misbridge.api.model.ContactLink;
import org.misbridge.api.model.Enrolment;
import org.misbridge.api.model.Group;
import org.misbridge.api.model.ParentalResponsibility;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Student;
import org.misbridge.api.spi.MisReadException;

/** The reading and mapping rules, on small sets written for each rule. */
class OneRosterCsvReaderTest {

    private static final String TODAY = "2024-06-01";

    @TempDir
    Path temp;

    private Snapshot read(Map<String, String> files) throws Exception {
        return read(files, null);
    }

    private Snapshot read(Map<String, String> files, @Nullable String org) throws Exception {
        return new OneRosterCsvReader("school-a", write(temp.resolve("set"), files), org, clockAt(TODAY), Limits.defaults()).read();
    }

    private MisReadException failure(Map<String, String> files) {
        return (MisReadException) org.assertj.core.api.Assertions.catchThrowable(() -> read(files));
    }

    private static String student(String id, String extra) {
        // extra: status,dateLastModified,enabledUser,identifier,agents,grades
        String[] f = extra.split(";", -1);
        return id + "," + f[0] + "," + f[1] + "," + f[2] + ",org-1,student," + id + ",,Given" + id + ",Family,,"
                + f[3] + ",,,,\"" + f[4] + "\"," + f[5] + ",\r\n";
    }

    private static String enrolled(String id, String user, String role, String begin, String end) {
        return id + ",,,cls-1,org-1," + user + "," + role + ",false," + begin + "," + end + "\r\n";
    }

    private static Student only(Snapshot snapshot, String id) {
        return snapshot.students().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    /** A school-level enrolment: no class, the dates of joining and leaving the school. */
    private static String atSchool(String id, String user, String begin, String end) {
        return id + ",,,,org-1," + user + ",student,false," + begin + "," + end + "\r\n";
    }

    // classes.csv and enrollments.csv are parsed beside users.csv; an error is still reported in the
    // order the files are read in, users first, however early the enrollments' error comes
    @Test
    void withUsersAndEnrollmentsBothBrokenTheUsersErrorIsReported() {
        StringBuilder users = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            users.append(student("s" + i, ";;TRUE;;;7"));
        }
        users.append(student("", ";;TRUE;;;7")); // row 5,002: no sourcedId
        MisReadException e = failure(set(users.toString(), enrolled("e1", "", "student", "", "")));
        assertThat(e.getMessage()).contains("users.csv").contains("5002").doesNotContain("enrollments.csv");
    }

    @Test
    void withOnlyTheEnrollmentsBrokenTheirErrorIsReported() {
        MisReadException e = failure(set(student("s1", ";;TRUE;;;7"),
                enrolled("e1", "s1", "student", "", "") + enrolled("e2", "", "student", "", "")));
        assertThat(e.getMessage()).contains("enrollments.csv").contains("3").contains("userSourcedId");
    }

    @Test
    void withClassesMissingAndUsersBrokenTheUsersErrorIsReported() {
        Map<String, String> files = new java.util.LinkedHashMap<>(set(student("", ";;TRUE;;;7"), ""));
        files.remove("classes.csv");
        MisReadException e = failure(files);
        assertThat(e.getMessage()).contains("users.csv").doesNotContain("classes.csv");
        files.put("users.csv", set(student("s1", ";;TRUE;;;7"), "").get("users.csv"));
        assertThat(failure(files).getMessage()).contains("classes.csv").contains("missing");
    }

    @Test
    void classEnrollmentsAllStartingAfterTodayLeaveAStudentOnRollWithoutAnAdmissionDate() throws Exception {
        Snapshot snapshot = read(set(student("s1", ";;TRUE;;;07"),
                enrolled("e1", "s1", "student", "2024-09-04", "") + enrolled("e2", "s1", "student", "2024-09-02", "")));
        assertThat(only(snapshot, "s1").enrolment()).isEqualTo(Enrolment.onRoll(null, null));
    }

    @Test
    void aSchoolLevelEnrollmentStartingAfterTodayMakesAnAcceptedPreAdmission() throws Exception {
        Snapshot snapshot = read(set(student("s1", ";;TRUE;;;07"),
                enrolled("e1", "s1", "student", "2024-09-04", "") + atSchool("a1", "s1", "2024-09-02", "")));
        assertThat(only(snapshot, "s1").enrolment())
                .isEqualTo(Enrolment.preAdmission(ApplicationStatus.ACCEPTED, LocalDate.of(2024, 9, 2)));
    }

    @Test
    void classEnrollmentsAllEndedLeaveAStudentOnRoll() throws Exception {
        Snapshot snapshot = read(set(student("s1", ";;TRUE;;;7"),
                enrolled("e1", "s1", "student", "2023-09-01", "2024-03-31") + enrolled("e2", "s1", "student", "2023-09-05", "2024-04-30")));
        assertThat(only(snapshot, "s1").enrolment()).isEqualTo(Enrolment.onRoll(null, null));
    }

    @Test
    void schoolLevelEnrollmentsAllEndedMakeALeaverOnTheLatestEndDate() throws Exception {
        Snapshot snapshot = read(set(student("s1", ";;TRUE;;;7"),
                atSchool("a1", "s1", "2019-09-01", "2021-07-20") + atSchool("a2", "s1", "2023-09-05", "2024-04-30")));
        assertThat(only(snapshot, "s1").enrolment())
                .isEqualTo(Enrolment.leaver(LocalDate.of(2019, 9, 1), LocalDate.of(2024, 4, 30)));
    }

    @Test
    void aCurrentSchoolLevelEnrollmentKeepsAStudentOnRollFromItsBeginDate() throws Exception {
        Snapshot snapshot = read(set(student("s1", ";;TRUE;;;7"),
                atSchool("a1", "s1", "2019-09-01", "2021-07-20") + atSchool("a2", "s1", "2023-09-05", "")
                        + enrolled("e1", "s1", "student", "2023-09-01", "2024-03-31")));
        assertThat(only(snapshot, "s1").enrolment()).isEqualTo(Enrolment.onRoll(LocalDate.of(2023, 9, 5), null));
    }

    @Test
    void aStudentWithoutEnrollmentsIsOnRoll() throws Exception {
        assertThat(only(read(set(student("s1", ";;TRUE;;;7"), "")), "s1").enrolment()).isEqualTo(Enrolment.onRoll(null, null));
    }

    @Test
    void aStudentToBeDeletedOrDisabledIsALeaverOnTheDateLastModifiedOrToday() throws Exception {
        Snapshot snapshot = read(set(
                student("gone", "tobedeleted;2024-05-20T08:00:00.000Z;TRUE;;;7")
                        + student("disabled", ";;FALSE;;;7")
                        + student("no", ";;no;;;7"),
                atSchool("a1", "gone", "2023-09-01", "")));
        assertThat(only(snapshot, "gone").enrolment()).isEqualTo(Enrolment.leaver(LocalDate.of(2023, 9, 1), LocalDate.of(2024, 5, 20)));
        assertThat(only(snapshot, "disabled").enrolment()).isEqualTo(Enrolment.leaver(null, LocalDate.parse(TODAY)));
        assertThat(only(snapshot, "no").enrolment().leavingDate()).isEqualTo(LocalDate.parse(TODAY));
    }

    @Test
    void ukDatesAreReadDayFirst() throws Exception {
        Snapshot snapshot = read(set(student("s1", ";;TRUE;;;7"), atSchool("a1", "s1", "4/9/2023", "")));
        assertThat(only(snapshot, "s1").enrolment().admissionDate()).isEqualTo(LocalDate.of(2023, 9, 4));
    }

    @Test
    void aUpnShapedIdentifierBecomesTheUpnAndLeadingZerosLeaveTheYearGroup() throws Exception {
        Snapshot snapshot = read(set(student("s1", ";;1;A123456789012;;\"07,08\"") + student("s2", ";;yes;s2-login;;R"), ""));
        assertThat(only(snapshot, "s1").upn()).isEqualTo("A123456789012");
        assertThat(only(snapshot, "s1").yearGroup()).isEqualTo("7");
        assertThat(only(snapshot, "s2").upn()).isNull();
        assertThat(only(snapshot, "s2").yearGroup()).isEqualTo("R");
    }

    @Test
    void theActiveHomeroomGivesTheRegistrationGroup() throws Exception {
        Snapshot snapshot = read(set(student("s1", ";;TRUE;;;7"),
                "e1,,,cls-reg,org-1,s1,student,false,,\r\ne2,,,cls-1,org-1,s1,student,false,,\r\nt1,,,cls-1,org-1,t1,teacher,,,\r\n"
                        + "e3,tobedeleted,,cls-reg,org-1,t1,teacher,,,\r\n"));
        assertThat(only(snapshot, "s1").registrationGroup()).isEqualTo("7RG");
        // t1 is not a user: the enrollment is skipped, the read goes on
        assertThat(snapshot.groups()).extracting(Group::memberIds).containsExactly(java.util.Set.of("s1"), java.util.Set.of("s1"));
    }

    @Test
    void contactPriorityFollowsTheStudentsAgentOrderThenTheContactsOwnLinks() throws Exception {
        String users = "s1,,,TRUE,org-1,student,s1,,Sam,Pupil,,,,,,\"t1,p2,missing,p1\",7,\r\n"
                + "t1,,,TRUE,org-1,teacher,t1,,Tess,Teacher,,,t@school.uk,07700900001,,,,\r\n"
                + "p1,,,TRUE,org-1,parent,p1,,Pat,One,,,p1@home.uk,07700900111,01632960111,s1,,\r\n"
                + "p2,,,TRUE,org-1,guardian,p2,,Gil,Two,,,,,,,,\r\n"
                + "p3,,,TRUE,org-1,relative,p3,,Rel,Three,,,,,,\"s1,nobody\",,\r\n"
                + "p4,,,TRUE,org-1,parent,p4,,Unlinked,Four,,,,,,,,\r\n";
        Snapshot snapshot = read(set(users, ""));
        assertThat(snapshot.links()).containsExactly(
                new ContactLink("s1", "p2", 1, ParentalResponsibility.UNKNOWN, "guardian"),
                new ContactLink("s1", "p1", 2, ParentalResponsibility.UNKNOWN, "parent"),
                new ContactLink("s1", "p3", 3, ParentalResponsibility.UNKNOWN, "relative"));
        assertThat(snapshot.contacts()).extracting(c -> c.id()).containsExactly("p1", "p2", "p3", "p4");
        assertThat(snapshot.staff()).extracting(s -> s.mobile()).containsExactly("07700900001");
    }

    @Test
    void anOrgFilterKeepsThatOrgsUsersClassesEnrollmentsAndTheirContacts() throws Exception {
        Map<String, String> files = set(
                "s1,,,TRUE,org-1,student,s1,,A,B,,,,,,p1,7,\r\n"
                        + "s2,,,TRUE,org-2,student,s2,,C,D,,,,,,p2,7,\r\n"
                        + "t2,,,TRUE,\"org-2\",teacher,t2,,E,F,,,,,,,,\r\n"
                        + "p1,,,TRUE,org-9,parent,p1,,G,H,,,,,,,,\r\n"
                        + "p2,,,TRUE,org-2,parent,p2,,I,J,,,,,,,,\r\n",
                enrolled("e1", "s1", "student", "2023-09-01", "") + "e2,,,cls-2,org-2,s2,student,,2023-09-01,\r\n");
        files.put("orgs.csv", OneRosterSets.ORGS_HEADER + "\r\norg-1,,,One,school,,\r\norg-2,,,Two,school,,\r\n");
        files.put("classes.csv", OneRosterSets.CLASSES_HEADER + "\r\ncls-1,,,Maths,,,,scheduled,,org-1,,,,\r\ncls-2,,,Art,,,,scheduled,,org-2,,,,\r\n");

        Snapshot one = read(files, "org-1");
        assertThat(one.students()).extracting(Student::id).containsExactly("s1");
        assertThat(one.staff()).isEmpty();
        assertThat(one.contacts()).extracting(c -> c.id()).containsExactly("p1");
        assertThat(one.groups()).extracting(Group::id).containsExactly("cls-1");

        Snapshot all = read(files, null);
        assertThat(all.students()).extracting(Student::id).containsExactly("s1", "s2");
        assertThat(all.groups()).extracting(Group::id).containsExactly("cls-1", "cls-2");
    }

    @Test
    void aBomMixedCaseHeadersAndQuotedCommasAndNewlinesAreReadAsWritten() throws Exception {
        Map<String, String> files = set("", "");
        files.put("users.csv", "\uFEFF SourcedID , ROLE,GivenName, familyname ,Grades,AgentSourcedIds\n"
                + "s1, student ,\"Mary, Ann\",\"O'Neil\nSmith\",\"09\",\n"
                + "p1,PARENT,Tom,Jones,,\"s1\"");
        Snapshot snapshot = read(files);
        assertThat(snapshot.students()).singleElement().satisfies(s -> {
            assertThat(s.givenName()).isEqualTo("Mary, Ann");
            assertThat(s.familyName()).isEqualTo("O'Neil\nSmith");
            assertThat(s.yearGroup()).isEqualTo("9");
        });
        assertThat(snapshot.links()).containsExactly(new ContactLink("s1", "p1", 1, ParentalResponsibility.UNKNOWN, "parent"));
    }

    @Test
    void aHeaderOnlyUsersFileIsAnEmptyRollNotAFailure() throws Exception {
        Snapshot snapshot = read(set("", ""));
        assertThat(snapshot.students()).isEmpty();
        assertThat(snapshot.groups()).hasSize(2);
    }

    @Test
    void aMissingManifestIsTolerated() throws Exception {
        Map<String, String> files = set(student("s1", ";;TRUE;;;7"), "");
        files.remove("manifest.csv");
        assertThat(read(files).students()).hasSize(1);
    }

    @Test
    void anUnknownOneRosterVersionIsRefusedByName() {
        Map<String, String> files = set("", "");
        files.put("manifest.csv", "propertyName,value\r\nmanifest.version,1.0\r\noneroster.version,2.0\r\n");
        assertThat(failure(files)).hasMessage("manifest.csv: oneroster.version 2.0 is not supported; expected 1.1 or 1.2");
    }

    @Test
    void usersWithoutTheRoleColumnFailNamingFileAndColumn() {
        Map<String, String> files = set("", "");
        files.put("users.csv", OneRosterSets.USERS_HEADER.replace(",role,", ",rol,") + "\r\ns1,,,TRUE,org-1,student,s1,,A,B,,,,,,,7,\r\n");
        MisReadException e = failure(files);
        assertThat(e.getMessage()).contains("users.csv", "role");
        assertThat(e.source()).isEqualTo("users.csv");
        assertThat(e.column()).isEqualTo("role");
    }

    @Test
    void aKnownHeaderMisspellingIsReadButAnUnknownOneFailsInsteadOfLookingLikeAnEmptyRoll() throws Exception {
        Map<String, String> files = set("", "");
        files.put("users.csv", "SourceId,Status,Role,Given_Name,family name,agentSourceIds,enabledUser\r\n"
                + "s1,,student,Mary,Jones,p1,1\r\np1,,parent,Ann,Jones,s1,TRUE\r\n");
        Snapshot snapshot = read(files);
        assertThat(snapshot.students()).extracting(Student::givenName).containsExactly("Mary");
        assertThat(snapshot.links()).hasSize(1);
        files.put("users.csv", "sorcedId,status,role,givenName,familyName\r\n");
        assertThat(failure(files).getMessage()).contains("users.csv", "sourcedId");
        files.put("users.csv", "s1,,student,Mary,Jones\r\n");
        assertThat(failure(files).getMessage()).contains("users.csv");
    }

    @Test
    void anUnparseableBeginDateFailsNamingFileRowAndColumn() {
        Map<String, String> files = set(student("s1", ";;TRUE;;;7"),
                enrolled("e1", "s1", "student", "2023-09-01", "") + enrolled("e2", "s1", "student", "next week", ""));
        MisReadException e = failure(files);
        assertThat(e.getMessage()).contains("enrollments.csv", "row 3", "beginDate");
        assertThat(e.row()).isEqualTo(3);
    }

    @Test
    void anImpossibleDateFailsRatherThanRollingOver() {
        Map<String, String> files = set(student("s1", ";;TRUE;;;7"), enrolled("e1", "s1", "student", "31/2/2024", ""));
        assertThat(failure(files).getMessage()).contains("enrollments.csv", "row 2", "beginDate");
    }

    @Test
    void anEmptyRoleOrSourcedIdFailsNamingTheRow() {
        assertThat(failure(set(student("s1", ";;TRUE;;;7") + "s2,,,TRUE,org-1,,s2,,A,B,,,,,,,,\r\n", "")).getMessage())
                .contains("users.csv", "row 3", "role");
        assertThat(failure(set(",,,TRUE,org-1,student,x,,A,B,,,,,,,,\r\n", "")).getMessage())
                .contains("users.csv", "row 2", "sourcedId");
    }

    @Test
    void aDuplicateUserFailsTheRead() {
        assertThat(failure(set(student("s1", ";;TRUE;;;7") + student("s1", ";;TRUE;;;8"), "")).getMessage())
                .contains("users.csv", "row 3", "s1");
    }

    @Test
    void aMissingRequiredFileFailsNamingIt() {
        Map<String, String> files = set("", "");
        files.remove("enrollments.csv");
        assertThat(failure(files).getMessage()).contains("enrollments.csv", "missing");
    }

    @Test
    void aMissingCsvPathFailsTheRead() {
        Path nowhere = temp.resolve("not-yet");
        assertThatThrownBy(() -> new OneRosterCsvReader("school-a", nowhere, null, clockAt(TODAY), Limits.defaults()).read())
                .isInstanceOf(MisReadException.class)
                .hasMessageContaining("csv.path")
                .hasMessageContaining(nowhere + " does not exist");
        assertThat(Files.exists(nowhere)).isFalse();
    }
}
