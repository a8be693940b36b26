package org.misbridge.mis.ctf.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.model.ApplicationStatus;
import org.misbridge.api.model.Coverage;
import org.misbridge.api.model.Email;
import org.misbridge.api.model.EmailLocation;
import org.misbridge.api.model.Enrolment;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Student;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.testkit.CtfWriter;

/** An ATF (admissions transfer file) gives pre-admissions with an application status and an admission date. */
class CtfAdmissionsTest {

    private static final LocalDate OFFER_DAY = LocalDate.of(2026, 3, 2);

    @TempDir
    Path temp;

    private Snapshot read() throws Exception {
        Path file = CtfWriter.knownAdmissions(OFFER_DAY).write(temp.resolve("atf.xml"));
        return new CtfReader("school-a", file, CtfWriter.KNOWN_DFE, true, CtfLimits.defaults(),
                CtfFixtures.clockAt(OFFER_DAY.plusDays(5))).read();
    }

    @Test
    void everyApplicantIsAPreAdmissionStartingOnTheNextFirstOfSeptember() throws Exception {
        LocalDate start = LocalDate.of(2026, 9, 1);
        assertThat(read().students()).extracting(Student::id, Student::upn, Student::enrolment).containsExactly(
                org.assertj.core.groups.Tuple.tuple("A999400100006", "A999400100006",
                        Enrolment.preAdmission(ApplicationStatus.ACCEPTED, start)),
                org.assertj.core.groups.Tuple.tuple("atf-999-26-0002", null, Enrolment.preAdmission(ApplicationStatus.OFFERED, start)),
                org.assertj.core.groups.Tuple.tuple("atf-999-26-0003", null, Enrolment.preAdmission(ApplicationStatus.WITHDRAWN, start)));
    }

    @Test
    void anAtfIsAlwaysPartialEvenWhenTheSchoolReadsItsCtfsAsItsWholeRoll() throws Exception {
        assertThat(read().coverage()).isEqualTo(Coverage.PARTIAL);
    }

    @Test
    void anApplicantsContactsAreRead() throws Exception {
        Snapshot snapshot = read();
        assertThat(snapshot.contacts()).hasSize(2);
        assertThat(snapshot.contacts().get(1).emails()).containsExactly(new Email("anna.turner@example.org", EmailLocation.HOME));
        assertThat(snapshot.links()).extracting(l -> l.studentId()).containsExactly("A999400100006", "atf-999-26-0002");
    }

    @Test
    void theFirstOfSeptemberRuleCountsTheDayItself() {
        assertThat(CtfSnapshots.firstSeptemberFrom(LocalDate.of(2026, 9, 1))).isEqualTo(LocalDate.of(2026, 9, 1));
        assertThat(CtfSnapshots.firstSeptemberFrom(LocalDate.of(2026, 9, 2))).isEqualTo(LocalDate.of(2027, 9, 1));
        assertThat(CtfSnapshots.firstSeptemberFrom(LocalDate.of(2026, 1, 15))).isEqualTo(LocalDate.of(2026, 9, 1));
    }

    @Test
    void anAtfForAnotherSchoolIsRefusedWhenTheDfeNumberIsSet() throws Exception {
        Path file = CtfWriter.knownAdmissions(OFFER_DAY).write(temp.resolve("atf.xml"));
        CtfReader other = new CtfReader("school-b", file, "9994999", false, CtfLimits.defaults(), CtfFixtures.CLOCK);
        assertThatThrownBy(other::read).isInstanceOf(MisReadException.class)
                .hasMessageContaining("atf.xml").hasMessageContaining("ATfile/Header/DestSchool")
                .hasMessageContaining("9994001").hasMessageContaining("9994999");
    }

    @Test
    void anApplicantWithNeitherUpnNorReferenceIsRefused() throws Exception {
        String atf = "<ATfile><Header><DateTime>2026-03-02T09:00:00</DateTime></Header><ATFpupilData>"
                + "<Pupil><Surname>Lee</Surname><Forename>Sam</Forename></Pupil></ATFpupilData></ATfile>";
        Path file = CtfFixtures.write(temp.resolve("atf.xml"), atf);
        assertThatThrownBy(() -> CtfFixtures.read(file)).isInstanceOf(MisReadException.class)
                .hasMessageContaining("ATfile/ATFpupilData/Pupil[1]/UPN").hasMessageContaining("ApplicationReference");
    }

    @Test
    void anAtfWithoutADateTimeIsRefusedBecauseTheAdmissionDateComesFromIt() throws Exception {
        String atf = "<ATfile><Header></Header><ATFpupilData/></ATfile>";
        Path file = CtfFixtures.write(temp.resolve("atf.xml"), atf);
        assertThatThrownBy(() -> CtfFixtures.read(file)).isInstanceOf(MisReadException.class)
                .hasMessageContaining("ATfile/Header/DateTime");
    }
}
