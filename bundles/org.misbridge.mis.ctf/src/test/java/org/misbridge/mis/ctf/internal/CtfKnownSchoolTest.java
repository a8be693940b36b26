package org.misbridge.mis.ctf.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.misbridge.mis.ctf.internal.CtfFixtures.TODAY;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.model.Contact;
import org.misbridge.api.model.ContactLink;
import org.misbridge.api.model.Coverage;
import org.misbridge.api.model.Email;
import org.misbridge.api.model.EmailLocation;
import org.misbridge.api.model.Enrolment;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.api.model.Group;
import org.misbridge.api.model.GroupKind;
import org.misbridge.api.model.ParentalResponsibility;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Student;
import org.misbridge.api.model.Telephone;
import org.misbridge.api.model.TelephoneType;

/** The testkit's known school, written as CTF 25.0, reads back into exactly the snapshot it describes. */
class CtfKnownSchoolTest {

    private static final String AMELIA = "A999400100001";
    private static final String JACK = "A999400100002";
    private static final String EVIE = "A999400100003";
    private static final String NOAH = "A999400100004";
    private static final String OSCAR = "A999400100005";

    @TempDir
    Path temp;

    private Snapshot snapshot;

    @BeforeEach
    void read() throws Exception {
        snapshot = CtfFixtures.read(CtfFixtures.knownSchool(temp));
    }

    @Test
    void theKnownSchoolReadsIntoExactlyTheExpectedSnapshot() {
        var joined = TODAY.minusYears(1);
        var sarah = contact("Sarah", "Hughes", List.of(new Email("sarah.hughes@example.org", EmailLocation.HOME)),
                new Telephone("07700 900101", TelephoneType.MOBILE), new Telephone("01632 960101", TelephoneType.HOME));
        var margaret = contact("Margaret", "Hughes", List.of(),
                new Telephone("01632 960103", TelephoneType.OTHER), new Telephone("01632 960203", TelephoneType.WORK));
        var david = contact("David", "Hughes", List.of(), new Telephone("+44 7700 900102", TelephoneType.MOBILE));
        var priya = contact("Priya", "Patel", List.of(new Email("priya.patel@example.org", EmailLocation.HOME)),
                new Telephone("07700 900111", TelephoneType.MOBILE));
        var raj = contact("Raj", "Patel", List.of(), new Telephone("07700 900112", TelephoneType.MOBILE));
        var susan = contact("Susan", "Green", List.of(), new Telephone("01632 960141", TelephoneType.HOME));
        var tom = contact("Tom", "Wood", List.of(), new Telephone("07700 900151", TelephoneType.MOBILE));
        var yes = ParentalResponsibility.YES;

        Snapshot expected = new Snapshot("school-a", "ctf", Coverage.PARTIAL, CtfFixtures.CLOCK.instant(),
                List.of(
                        new Student(AMELIA, AMELIA, "Amelia", "Hughes", "7", "7HU", Enrolment.onRoll(joined, null)),
                        new Student(JACK, JACK, "Jack", "Patel", "9", "9PA", Enrolment.onRoll(joined.minusYears(2), null)),
                        new Student(EVIE, EVIE, "Evie", "Patel", "7", "7HU", Enrolment.onRoll(joined, null)),
                        new Student(NOAH, NOAH, "Noah", "Green", "10", null, Enrolment.onRoll(joined.minusYears(3), null)),
                        new Student(OSCAR, OSCAR, "Oscar", "Wood", "11", null,
                                Enrolment.leaver(joined.minusYears(4), TODAY.minusDays(10)))),
                List.of(),
                List.of(sarah, margaret, david, priya, raj, susan, tom),
                List.of(
                        new ContactLink(AMELIA, sarah.id(), 1, yes, "PAR"),
                        new ContactLink(AMELIA, margaret.id(), 3, ParentalResponsibility.NO, "REL"),
                        new ContactLink(AMELIA, david.id(), 2, yes, "PAR"),
                        new ContactLink(JACK, priya.id(), 1, yes, "PAR"),
                        new ContactLink(JACK, raj.id(), 2, yes, "PAR"),
                        new ContactLink(EVIE, raj.id(), 1, yes, "PAR"),
                        new ContactLink(EVIE, priya.id(), 2, yes, "PAR"),
                        new ContactLink(NOAH, susan.id(), 1, yes, "CAR"),
                        new ContactLink(OSCAR, tom.id(), 1, yes, "PAR")),
                List.of(
                        new Group("year-7", "Year 7", GroupKind.YEAR, true, Set.of(AMELIA, EVIE)),
                        new Group("reg-7hu", "7HU", GroupKind.REGISTRATION, true, Set.of(AMELIA, EVIE)),
                        new Group("year-9", "Year 9", GroupKind.YEAR, true, Set.of(JACK)),
                        new Group("reg-9pa", "9PA", GroupKind.REGISTRATION, true, Set.of(JACK)),
                        new Group("year-10", "Year 10", GroupKind.YEAR, true, Set.of(NOAH)),
                        new Group("year-11", "Year 11", GroupKind.YEAR, true, Set.of(OSCAR))),
                List.of());

        assertThat(snapshot).isEqualTo(expected);
    }

    @Test
    void countsMatchTheFile() {
        assertThat(snapshot.students()).hasSize(5);
        assertThat(snapshot.contacts()).hasSize(7);
        assertThat(snapshot.links()).hasSize(9);
        assertThat(snapshot.groups()).hasSize(6);
        assertThat(snapshot.staff()).isEmpty();
        assertThat(snapshot.failures()).isEmpty();
    }

    @Test
    void orderBecomesPriorityAndResponsibleBecomesParentalResponsibility() {
        Map<String, ContactLink> amelia = linksOf(AMELIA);
        assertThat(amelia.get("Sarah").priority()).isEqualTo(1);
        assertThat(amelia.get("David").priority()).isEqualTo(2);
        assertThat(amelia.get("Margaret").priority()).isEqualTo(3);
        assertThat(amelia.get("Sarah").parentalResponsibility()).isEqualTo(ParentalResponsibility.YES);
        assertThat(amelia.get("David").parentalResponsibility()).isEqualTo(ParentalResponsibility.YES);
        assertThat(amelia.get("Margaret").parentalResponsibility()).isEqualTo(ParentalResponsibility.NO);
        assertThat(amelia.get("Margaret").relationship()).isEqualTo("REL");
    }

    @Test
    void priorityOneContactIsThePrimeParentOfEachPupil() {
        Map<String, String> prime = snapshot.links().stream().filter(l -> l.priority() == 1)
                .collect(Collectors.toMap(ContactLink::studentId, l -> contactById(l.contactId()).givenName()));
        assertThat(prime).containsExactlyInAnyOrderEntriesOf(Map.of(AMELIA, "Sarah", JACK, "Priya", EVIE, "Raj",
                NOAH, "Susan", OSCAR, "Tom"));
    }

    @Test
    void aParentListedForTwoSiblingsIsOneContactWithAPriorityForEach() {
        List<Contact> priyas = snapshot.contacts().stream().filter(c -> c.givenName().equals("Priya")).toList();
        assertThat(priyas).hasSize(1);
        List<ContactLink> links = snapshot.links().stream().filter(l -> l.contactId().equals(priyas.get(0).id())).toList();
        assertThat(links).extracting(ContactLink::studentId, ContactLink::priority)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(JACK, 1), org.assertj.core.groups.Tuple.tuple(EVIE, 2));
    }

    @Test
    void telephoneTypeCodesMapToTheModel() {
        assertThat(contactNamed("Sarah").telephones()).extracting(Telephone::type)
                .containsExactly(TelephoneType.MOBILE, TelephoneType.HOME);
        assertThat(contactNamed("Margaret").telephones()).extracting(Telephone::type)
                .containsExactly(TelephoneType.OTHER, TelephoneType.WORK);
        assertThat(contactNamed("Sarah").emails()).containsExactly(new Email("sarah.hughes@example.org", EmailLocation.HOME));
    }

    @Test
    void aContactWithOnlyALandlineKeepsItAsHomeAndHasNoEmail() {
        Contact susan = contactNamed("Susan");
        assertThat(susan.telephones()).containsExactly(new Telephone("01632 960141", TelephoneType.HOME));
        assertThat(susan.emails()).isEmpty();
    }

    @Test
    void aPupilWhoseLeavingDateHasPassedIsALeaverAndTheOthersAreOnRoll() {
        Map<String, Student> byId = snapshot.students().stream().collect(Collectors.toMap(Student::id, Function.identity()));
        assertThat(byId.get(OSCAR).enrolment().state()).isEqualTo(EnrolmentState.LEAVER);
        assertThat(byId.get(OSCAR).enrolment().leavingDate()).isEqualTo(TODAY.minusDays(10));
        assertThat(snapshot.students()).filteredOn(s -> !s.id().equals(OSCAR))
                .allSatisfy(s -> assertThat(s.enrolment().state()).isEqualTo(EnrolmentState.ON_ROLL));
    }

    @Test
    void theAdmissionDateIsTheEntryDateAtThisSchoolNotAtTheLastOne() {
        Student amelia = snapshot.students().get(0);
        assertThat(amelia.enrolment().admissionDate()).isEqualTo(TODAY.minusYears(1));
    }

    @Test
    void aCtfIsPartialByDefaultEvenWhenItsDocumentQualifierIsFull() {
        assertThat(snapshot.coverage()).isEqualTo(Coverage.PARTIAL);
    }

    private Map<String, ContactLink> linksOf(String studentId) {
        return snapshot.links().stream().filter(l -> l.studentId().equals(studentId))
                .collect(Collectors.toMap(l -> contactById(l.contactId()).givenName(), Function.identity()));
    }

    private Contact contactById(String id) {
        return snapshot.contacts().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    private Contact contactNamed(String givenName) {
        return snapshot.contacts().stream().filter(c -> c.givenName().equals(givenName)).findFirst().orElseThrow();
    }

    /** The contact as expected, its id by the documented rule (surname, forename, first channel). */
    private static Contact contact(String forename, String surname, List<Email> emails, Telephone... telephones) {
        String id = ContactIds.of(surname, forename, List.of(telephones), emails, "unused: the contact has a channel");
        return new Contact(id, forename, surname, emails, List.of(telephones));
    }
}
