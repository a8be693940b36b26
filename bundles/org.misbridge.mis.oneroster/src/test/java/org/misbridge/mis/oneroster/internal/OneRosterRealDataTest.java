package org.misbridge.mis.oneroster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.misbridge.mis.oneroster.internal.OneRosterSets.clockAt;
import static org.misbridge.mis.oneroster.internal.OneRosterSets.sharedOneRoster;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.model.Contact;
import org.misbridge.api.model.ContactLink;
import org.misbridge.api.model.Coverage;
import org.misbridge.api.model.Email;
import org.misbridge.api.model.EmailLocation;
import org.misbridge.api.model.Enrolment;
import org.misbridge.api.model.Group;
import org.misbridge.api.model.GroupKind;
import org.misbridge.api.model.ParentalResponsibility;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Staff;
import org.misbridge.api.model.Student;
import org.misbridge.api.model.Telephone;
import org.misbridge.api.model.TelephoneType;
import org.misbridge.api.spi.MisReadException;

/** Reads the real OneRoster 1.1 sample sets in the shared data folder exactly as they are. */
class OneRosterRealDataTest {

    private static final String ORG = "org-sch-222-456";
    private static final String MARY = "usr-222-66778899";
    private static final String MMICHEL = "usr-222-1234561232";
    private static final String ANNA = "usr-222-567891";
    private static final String JOHN = "usr-222-123456";
    private static final String JIM = "usr-222-987654";
    private static final String THOMAS = "usr-222-1234561";

    private static Snapshot read(Path set, String org, String today) throws MisReadException {
        return new OneRosterCsvReader("school-a", set, org, clockAt(today), Limits.defaults()).read();
    }

    @Test
    void readsTheRealFullOneRosterSetAsItIs() throws Exception {
        Snapshot snapshot = read(sharedOneRoster("v1p1-full"), null, "2024-01-15");

        assertThat(snapshot.schoolId()).isEqualTo("school-a");
        assertThat(snapshot.source()).isEqualTo("oneroster-csv");
        assertThat(snapshot.coverage()).isEqualTo(Coverage.WHOLE_ROLL);
        assertThat(snapshot.failures()).isEmpty();
        assertThat(snapshot.students()).containsExactly(
                new Student(MARY, null, "Mary", "Jones", "12", null, Enrolment.onRoll(null, null)),
                // both of mmichel's class enrollments ended on 2022-06-15, which says nothing of the roll: an active,
                // enabled student is on roll; the homeroom is tobedeleted, so it gives no registration group
                new Student(MMICHEL, null, "mmichel", "Jones", "12", null, Enrolment.onRoll(null, null)),
                new Student(ANNA, null, "Anna", "Brown", "11", null, Enrolment.onRoll(null, null)));
        assertThat(snapshot.staff()).containsExactly(
                new Staff(JOHN, "John", "Doe", "john.doe@myschool.com", "6037778888", null),
                new Staff(JIM, "Jim", "Smith", "jim.smith@myschool.com", "6031234567", null));
        assertThat(snapshot.contacts()).containsExactly(new Contact(THOMAS, "Thomas", "Jones",
                List.of(new Email("thomas.jones@testemail.com", EmailLocation.HOME)),
                List.of(new Telephone("6039876543", TelephoneType.MOBILE), new Telephone("6039876543", TelephoneType.HOME))));
        // Mary lists only a teacher as her agent; the link comes from Thomas's own agentSourcedIds
        assertThat(snapshot.links()).containsExactly(
                new ContactLink(MARY, THOMAS, 1, ParentalResponsibility.UNKNOWN, "parent"));
        // Jim Smith is a teacher enrolled with role student: a member, never a student; History - 2 is tobedeleted: no group
        assertThat(snapshot.groups()).containsExactly(
                new Group("cls-222-123456", "Introduction to Physics", GroupKind.CLASS, true, java.util.Set.of(JOHN, JIM, MMICHEL)));
        assertThat(snapshot.issues()).isEmpty();
    }

    @Test
    void theRealFullSetFilteredByItsDepartmentOrgReadsTheSame() throws Exception {
        Path set = sharedOneRoster("v1p1-full");
        Snapshot filtered = read(set, ORG, "2024-01-15");
        assertThat(filtered).isEqualTo(read(set, null, "2024-01-15"));
    }

    @Test
    void classEnrollmentDatesInTheRealSetDecideNothingOnAnyDay() throws Exception {
        Path set = sharedOneRoster("v1p1-full");
        for (String day : new String[] {"2022-01-01", "2022-05-01", "2024-01-15"}) {
            assertThat(student(read(set, null, day), MMICHEL).enrolment()).as(day).isEqualTo(Enrolment.onRoll(null, null));
        }
    }

    @Test
    void readsTheRealMinimalOneRosterSetWithItsBlankColumns() throws Exception {
        Snapshot snapshot = read(sharedOneRoster("v1p1-minimal"), null, "2024-01-15");

        assertThat(snapshot.students()).extracting(Student::id).containsExactly(MARY, MMICHEL, ANNA);
        assertThat(snapshot.students()).allSatisfy(s -> assertThat(s.enrolment()).isEqualTo(Enrolment.onRoll(null, null)));
        // the homeroom has a blank status here, so it is active and mmichel's registration group
        assertThat(student(snapshot, MMICHEL).registrationGroup()).isEqualTo("History - 2");
        assertThat(student(snapshot, MARY).registrationGroup()).isNull();
        assertThat(student(snapshot, MARY).yearGroup()).isNull();
        assertThat(snapshot.staff()).containsExactly(
                new Staff(JOHN, "John", "Doe", null, null, null),
                new Staff(JIM, "Jim", "Smith", null, null, null));
        assertThat(snapshot.contacts()).containsExactly(new Contact(THOMAS, "Thomas", "Jones", List.of(), List.of()));
        assertThat(snapshot.links()).isEmpty();
        assertThat(snapshot.groups()).extracting(Group::active).containsExactly(true, true);
        assertThat(read(sharedOneRoster("v1p1-minimal"), ORG, "2024-01-15").students()).hasSize(3);
    }

    @Test
    void aZipOfTheRealSetReadsLikeTheFolder(@TempDir Path temp) throws Exception {
        Path set = sharedOneRoster("v1p1-full");
        Path atRoot = OneRosterSets.zip(set, temp.resolve("full.zip"), "");
        Path inFolder = OneRosterSets.zip(set, temp.resolve("nested.ZIP"), "export/");
        Snapshot fromFolder = read(set, null, "2024-01-15");
        assertThat(read(atRoot, null, "2024-01-15")).isEqualTo(fromFolder);
        assertThat(read(inFolder, ORG, "2024-01-15")).isEqualTo(fromFolder);
    }

    @Test
    void anOrgThatTheRealSetDoesNotHoldFailsTheRead() {
        Path set = sharedOneRoster("v1p1-full");
        assertThatThrownBy(() -> read(set, "org-elsewhere", "2024-01-15"))
                .isInstanceOf(MisReadException.class)
                .hasMessage("orgs.csv: no org with sourcedId org-elsewhere");
    }

    private static Student student(Snapshot snapshot, String id) {
        return snapshot.students().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }
}
