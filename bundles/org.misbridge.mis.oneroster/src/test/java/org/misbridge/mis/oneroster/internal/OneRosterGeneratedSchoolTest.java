package org.misbridge.mis.oneroster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.model.ContactLink;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Student;
import org.misbridge.testkit.GeneratedSchool;
import org.misbridge.testkit.SchoolGenerator;

/** A generated school of 500 students reads back with the counts the generator wrote. */
class OneRosterGeneratedSchoolTest {

    private static final String ORG = "sch-gen";
    private static final Clock TODAY = Clock.fixed(SchoolGenerator.DEFAULT_TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    @Test
    void aGeneratedSchoolOf500ReadsBackWithTheGeneratorsCounts(@TempDir Path temp) throws Exception {
        GeneratedSchool school = SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of(ORG, 500, 42L), temp.resolve("csv"));
        Snapshot snapshot = new OneRosterCsvReader("school-gen", temp.resolve("csv"), null, TODAY, Limits.defaults()).read();

        assertThat(snapshot.students()).hasSize(school.students()).hasSize(500);
        assertThat(count(snapshot, EnrolmentState.ON_ROLL)).isEqualTo(school.onRoll());
        assertThat(count(snapshot, EnrolmentState.PRE_ADMISSION)).isEqualTo(school.preAdmissions());
        assertThat(count(snapshot, EnrolmentState.LEAVER)).isEqualTo(school.leavers());
        assertThat(snapshot.staff()).hasSize(school.staff());
        assertThat(snapshot.contacts()).hasSize(school.contacts());
        assertThat(snapshot.groups()).hasSize(school.classes());
        Set<String> primeParents = snapshot.links().stream().filter(l -> l.priority() == 1)
                .map(ContactLink::contactId).collect(Collectors.toSet());
        assertThat(primeParents).hasSize(school.primeParents());
        assertThat(snapshot.links().stream().filter(l -> l.priority() == 1).count()).isEqualTo(school.students());
        assertThat(snapshot.contacts().stream().filter(c -> c.emails().get(0).address().contains("@@")).count())
                .isEqualTo(school.invalidEmails());
        assertThat(snapshot.students()).allSatisfy(s -> {
            assertThat(s.upn()).matches("[A-Z]\\d{12}");
            assertThat(s.yearGroup()).isIn("7", "8", "9", "10", "11");
            assertThat(s.registrationGroup()).isNotNull();
        });
    }

    @Test
    void theGeneratedSchoolReadsTheSameFromItsZipAndThroughItsOrgFilter(@TempDir Path temp) throws Exception {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of(ORG, 500, 7L), temp.resolve("csv"));
        SchoolGenerator.zip(temp.resolve("csv"), temp.resolve("school.zip"));
        Snapshot folder = new OneRosterCsvReader("school-gen", temp.resolve("csv"), null, TODAY, Limits.defaults()).read();
        Snapshot zip = new OneRosterCsvReader("school-gen", temp.resolve("school.zip"), ORG, TODAY, Limits.defaults()).read();
        assertThat(zip).isEqualTo(folder);
        assertThat(zip.students()).extracting(Student::id).allMatch(id -> id.startsWith(ORG));
    }

    private static long count(Snapshot snapshot, EnrolmentState state) {
        return snapshot.students().stream().filter(s -> s.enrolment().state() == state).count();
    }
}
