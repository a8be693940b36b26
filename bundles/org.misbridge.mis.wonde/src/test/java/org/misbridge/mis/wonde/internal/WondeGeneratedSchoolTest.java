package org.misbridge.mis.wonde.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.misbridge.mis.wonde.internal.WondeTests.TOKEN;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.model.ContactLink;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.api.model.ParentalResponsibility;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Student;
import org.misbridge.testkit.FakeWonde;
import org.misbridge.testkit.GeneratedSchool;
import org.misbridge.testkit.SchoolGenerator;

/** A generated school of 300 served by the fake in pages of 37: every count comes back as generated. */
class WondeGeneratedSchoolTest {

    @TempDir
    Path temp;

    @Test
    void aGeneratedSchoolReadsBackWhole() throws Exception {
        GeneratedSchool generated = SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-gen", 300, 11L), temp);
        FakeWonde.School school = FakeWonde.School.fromOneRoster("A1000000001", temp, SchoolGenerator.DEFAULT_TODAY);
        try (FakeWonde fake = FakeWonde.start(school, TOKEN); WondeTests.Wired wired = WondeTests.reader(fake, 37)) {
            Snapshot snapshot = wired.reader.read();

            Map<EnrolmentState, Long> states = snapshot.students().stream()
                    .collect(Collectors.groupingBy(s -> s.enrolment().state(), Collectors.counting()));
            assertThat(snapshot.students()).hasSize(generated.students());
            assertThat(states.getOrDefault(EnrolmentState.ON_ROLL, 0L)).isEqualTo(generated.onRoll());
            assertThat(states.getOrDefault(EnrolmentState.PRE_ADMISSION, 0L)).isEqualTo(generated.preAdmissions());
            assertThat(states.getOrDefault(EnrolmentState.LEAVER, 0L)).isEqualTo(generated.leavers());
            assertThat(snapshot.staff()).hasSize(generated.staff());
            assertThat(snapshot.contacts()).hasSize(generated.contacts());
            assertThat(snapshot.links().stream().filter(l -> l.priority() == 1).map(ContactLink::contactId).distinct())
                    .hasSize(generated.primeParents());
            assertThat(snapshot.groups()).hasSize(generated.classes() + 5); // plus years 7 to 11
            assertThat(snapshot.failures()).isEmpty();

            // each student's contacts in agentSourcedIds order, responsibility for the first two
            for (FakeWonde.Pupil pupil : school.pupils()) {
                List<ContactLink> links = snapshot.links().stream().filter(l -> l.studentId().equals(pupil.id())).toList();
                assertThat(links).extracting(ContactLink::contactId)
                        .containsExactlyElementsOf(pupil.carers().stream().map(FakeWonde.CarerLink::carerId).toList());
                for (ContactLink link : links) {
                    assertThat(link.parentalResponsibility())
                            .isEqualTo(link.priority() <= 2 ? ParentalResponsibility.YES : ParentalResponsibility.NO);
                }
            }
            Student first = snapshot.students().get(0);
            assertThat(first.yearGroup()).startsWith("Year ");
            assertThat(first.registrationGroup()).isNotNull();
            long onRollPages = (generated.onRoll() + 36) / 37;
            assertThat(fake.requests()).filteredOn(r -> r.contains("/students?")).hasSize((int) onRollPages);
        }
    }
}
