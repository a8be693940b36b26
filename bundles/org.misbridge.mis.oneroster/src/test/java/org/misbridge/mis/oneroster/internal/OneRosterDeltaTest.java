package org.misbridge.mis.oneroster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.misbridge.mis.oneroster.internal.OneRosterSets.ENROLLMENTS_HEADER;
import static org.misbridge.mis.oneroster.internal.OneRosterSets.USERS_HEADER;
import static org.misbridge.mis.oneroster.internal.OneRosterSets.clockAt;
import static org.misbridge.mis.oneroster.internal.OneRosterSets.set;
import static org.misbridge.mis.oneroster.internal.OneRosterSets.write;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Student;
import org.misbridge.api.spi.MisReadException;

/** A folder of OneRoster sets: the last bulk set, and the delta sets after it applied in name order. */
class OneRosterDeltaTest {

    @TempDir
    Path temp;

    private static final String BULK_USERS = ""
            + "s1,,,TRUE,org-1,student,s1,,Amy,Able,,,,,,p1,7,\r\n"
            + "s2,,,TRUE,org-1,student,s2,,Ben,Best,,,,,,p2,7,\r\n"
            + "s3,,,TRUE,org-1,student,s3,,Cat,Cole,,,,,,,8,\r\n"
            + "p1,,,TRUE,org-1,parent,p1,,Pat,Able,,,pat@example.org,,,s1,,\r\n"
            + "p2,,,TRUE,org-1,parent,p2,,Poppy,Best,,,poppy@example.org,,,s2,,\r\n";
    private static final String BULK_ENROLLMENTS = ""
            + "e1,,,cls-1,org-1,s1,student,false,2023-09-01,\r\n"
            + "e2,,,cls-1,org-1,s2,student,false,2023-09-01,\r\n"
            + "e3,,,cls-1,org-1,s3,student,false,2023-09-01,\r\n";

    private static Map<String, String> delta(String users, String enrollments) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("manifest.csv", "propertyName,value\r\nmanifest.version,1.0\r\noneroster.version,1.1\r\n"
                + "file.users," + (users == null ? "absent" : "delta") + "\r\n"
                + "file.enrollments," + (enrollments == null ? "absent" : "delta") + "\r\n"
                + "file.classes,absent\r\nfile.orgs,absent\r\n");
        if (users != null) {
            files.put("users.csv", USERS_HEADER + "\r\n" + users);
        }
        if (enrollments != null) {
            files.put("enrollments.csv", ENROLLMENTS_HEADER + "\r\n" + enrollments);
        }
        return files;
    }

    private Snapshot read(Path folder) throws MisReadException {
        return new OneRosterCsvReader("school-a", folder, null, clockAt("2024-06-01"), Limits.defaults()).read();
    }

    private static Student student(Snapshot s, String id) {
        return s.students().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void deltaSetsAfterTheBulkSetAreAppliedInNameOrder() throws Exception {
        Path sets = temp.resolve("sets");
        write(sets.resolve("2024-05-30-bulk"), set(BULK_USERS, BULK_ENROLLMENTS));
        // day 1: Amy's name is corrected, Cat is deleted (a leaver), a new pupil Dan arrives
        write(sets.resolve("2024-05-31-delta"), delta(""
                + "s1,,2024-05-31,TRUE,org-1,student,s1,,Amelia,Able,,,,,,p1,7,\r\n"
                + "s3,tobedeleted,2024-05-31,TRUE,org-1,student,s3,,Cat,Cole,,,,,,,8,\r\n"
                + "s4,,2024-05-31,TRUE,org-1,student,s4,,Dan,Dale,,,,,,,7,\r\n",
                "e4,,2024-05-31,cls-1,org-1,s4,student,false,2024-05-31,\r\n"));
        // day 2: only enrollments change: Ben's class enrolment ends (which changes nothing of his roll state),
        // and a school-level enrolment (no class) says he left the school on 31 May
        OneRosterSets.zip(write(temp.resolve("day2"), delta(null,
                "e2,,2024-06-01,cls-1,org-1,s2,student,false,2023-09-01,2024-05-31\r\n"
                        + "a2,,2024-06-01,,org-1,s2,student,false,2023-09-01,2024-05-31\r\n")),
                sets.resolve("2024-06-01-delta.zip"), "");

        Snapshot s = read(sets);
        assertThat(s.students()).extracting(Student::id).containsExactlyInAnyOrder("s1", "s2", "s3", "s4");
        assertThat(student(s, "s1").givenName()).isEqualTo("Amelia");
        assertThat(student(s, "s3").enrolment().state()).isEqualTo(EnrolmentState.LEAVER);
        assertThat(student(s, "s3").enrolment().leavingDate()).isEqualTo(LocalDate.of(2024, 5, 31));
        assertThat(student(s, "s4").enrolment().state()).isEqualTo(EnrolmentState.ON_ROLL);
        assertThat(student(s, "s2").enrolment().state()).isEqualTo(EnrolmentState.LEAVER);
        assertThat(student(s, "s2").enrolment().leavingDate()).isEqualTo(LocalDate.of(2024, 5, 31));
        assertThat(s.links()).hasSize(2);
    }

    @Test
    void aNewerBulkSetSupersedesEverythingBeforeIt() throws Exception {
        Path sets = temp.resolve("sets");
        write(sets.resolve("a-bulk"), set(BULK_USERS, BULK_ENROLLMENTS));
        write(sets.resolve("b-delta"), delta("s9,,,TRUE,org-1,student,s9,,Old,Delta,,,,,,,7,\r\n", null));
        write(sets.resolve("c-bulk"), set("s1,,,TRUE,org-1,student,s1,,Amy,Able,,,,,,,7,\r\n", ""));
        assertThat(read(sets).students()).extracting(Student::id).containsExactly("s1");
    }

    @Test
    void deltasWithoutABulkSetOrAManifestThatListsAMissingFileAreRefused() throws Exception {
        Path onlyDeltas = temp.resolve("only-deltas");
        write(onlyDeltas.resolve("1-delta"), delta("s9,,,TRUE,org-1,student,s9,,A,B,,,,,,,7,\r\n", null));
        assertThatThrownBy(() -> read(onlyDeltas)).isInstanceOf(MisReadException.class).hasMessageContaining("only delta sets");
        assertThatThrownBy(() -> read(onlyDeltas.resolve("1-delta"))).isInstanceOf(MisReadException.class)
                .hasMessageContaining("a delta set with no bulk set before it");

        Path sets = temp.resolve("sets");
        write(sets.resolve("a-bulk"), set(BULK_USERS, BULK_ENROLLMENTS));
        Map<String, String> broken = delta("s9,,,TRUE,org-1,student,s9,,A,B,,,,,,,7,\r\n", "e9,,,cls-1,org-1,s9,student,false,,\r\n");
        broken.remove("enrollments.csv");
        write(sets.resolve("b-delta"), broken);
        assertThatThrownBy(() -> read(sets)).isInstanceOf(MisReadException.class)
                .hasMessageContaining("enrollments.csv").hasMessageContaining("manifest.csv lists it as delta");
    }

    @Test
    void aManifestFileModeOtherThanBulkDeltaOrAbsentIsRefusedByRow() throws Exception {
        Map<String, String> files = set(BULK_USERS, BULK_ENROLLMENTS);
        files.put("manifest.csv", "propertyName,value\r\noneroster.version,1.1\r\nfile.users,partial\r\n");
        Path set = write(temp.resolve("set"), files);
        assertThatThrownBy(() -> read(set)).isInstanceOf(MisReadException.class)
                .hasMessageContaining("manifest.csv, row 3").hasMessageContaining("file.users is 'partial'");
    }
}
