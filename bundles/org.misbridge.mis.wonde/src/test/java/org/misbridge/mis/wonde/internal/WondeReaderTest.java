package org.misbridge.mis.wonde.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.misbridge.mis.wonde.internal.WondeTests.TOKEN;
import static org.misbridge.mis.wonde.internal.WondeTests.reader;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.misbridge.api.model.ApplicationStatus;
import org.misbridge.api.model.Area;
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
import org.misbridge.testkit.FakeWonde;

/** The reader against a fake Wonde serving the sample school: the mapping, paging and faults. */
class WondeReaderTest {

    private FakeWonde fake;

    @BeforeEach
    void start() throws Exception {
        fake = FakeWonde.start(FakeWonde.School.sample(), TOKEN);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private Snapshot read(int perPage) throws MisReadException {
        try (WondeTests.Wired wired = reader(fake, perPage)) {
            return wired.reader.read();
        }
    }

    private static LocalDate d(String date) {
        return LocalDate.parse(date);
    }

    @Test
    void readsTheSampleSchoolAsWondeHoldsIt() throws Exception {
        Snapshot snapshot = read(200);

        assertThat(snapshot.schoolId()).isEqualTo("school-a");
        assertThat(snapshot.source()).isEqualTo("wonde");
        assertThat(snapshot.coverage()).isEqualTo(Coverage.WHOLE_ROLL);
        assertThat(snapshot.failures()).isEmpty();
        assertThat(snapshot.students()).containsExactly(
                new Student("P1", "A123456789012", "Sam", "Lee", "Year 7", "7A", Enrolment.onRoll(d("2025-09-01"), null)),
                new Student("P2", "B123456789013", "Mia", "Lee", "Year 8", "8B", Enrolment.onRoll(d("2024-09-01"), null)),
                new Student("P3", null, "Noah", "Khan", "Year 7", "7A", Enrolment.onRoll(d("2025-09-01"), null)),
                new Student("P4", "C123456789014", "Ivy", "Shaw", "Year 8", "8B", Enrolment.onRoll(d("2024-09-01"), null)),
                new Student("P7", "E123456789016", "Tom", "Gale", "Year 8", "8B",
                        Enrolment.onRoll(d("2024-09-01"), d("2026-12-18"))),
                new Student("P5", null, "Leo", "Reed", null, null,
                        Enrolment.preAdmission(ApplicationStatus.ACCEPTED, d("2027-09-01"))),
                new Student("P6", "D123456789015", "Eve", "Gale", null, null,
                        Enrolment.leaver(d("2021-09-01"), d("2026-07-20"))));

        assertThat(snapshot.links()).containsExactly(
                new ContactLink("P1", "C1", 1, ParentalResponsibility.YES, "Mother"),
                new ContactLink("P1", "C2", 2, ParentalResponsibility.YES, "Father"),
                new ContactLink("P1", "C3", 3, ParentalResponsibility.NO, "Grandmother"),
                new ContactLink("P2", "C2", 1, ParentalResponsibility.YES, "Father"),
                new ContactLink("P2", "C1", 2, ParentalResponsibility.YES, "Mother"),
                new ContactLink("P3", "C4", 2, ParentalResponsibility.UNKNOWN, "Carer"),
                new ContactLink("P3", "C5", 1, ParentalResponsibility.NO, "Father"),
                new ContactLink("P4", "C6", 1, ParentalResponsibility.YES, "Mother"),
                new ContactLink("P4", "C7", 1, ParentalResponsibility.NO, "Step-father"), // the MIS gives both mother and step-father 1
                new ContactLink("P7", "C9", 1, ParentalResponsibility.YES, "Mother"),
                new ContactLink("P5", "C8", 1, ParentalResponsibility.YES, "Mother"),
                new ContactLink("P6", "C9", 1, ParentalResponsibility.YES, "Mother"));

        assertThat(snapshot.contacts()).containsExactly(
                new Contact("C1", "Ann", "Lee", List.of(new Email("ann.lee@example.org", EmailLocation.HOME)),
                        List.of(new Telephone("07700900001", TelephoneType.MOBILE))),
                new Contact("C2", "Ben", "Lee",
                        List.of(new Email("ben.lee@example.org", EmailLocation.OTHER),
                                new Email("ben@work.example.com", EmailLocation.WORK)),
                        List.of(new Telephone("07700 900002", TelephoneType.MOBILE),
                                new Telephone("01632960002", TelephoneType.WORK))),
                new Contact("C3", "Cath", "Jones", List.of(new Email("cath@example.org", EmailLocation.OTHER)),
                        List.of(new Telephone("01632960003", TelephoneType.HOME))),
                new Contact("C4", "Zara", "Khan", List.of(new Email("zara@example.org", EmailLocation.HOME)),
                        List.of(new Telephone("07700900004", TelephoneType.MOBILE))),
                new Contact("C5", "Omar", "Khan", List.of(), List.of(new Telephone("07700900005", TelephoneType.MOBILE))),
                new Contact("C6", "Rose", "Shaw", List.of(), List.of(new Telephone("01632960006", TelephoneType.HOME))),
                new Contact("C7", "Tim", "Shaw", List.of(new Email("tim.shaw@example.org", EmailLocation.HOME)), List.of()),
                new Contact("C9", "Kim", "Gale", List.of(new Email("kim.gale@example.org", EmailLocation.HOME)),
                        List.of(new Telephone("07700900009", TelephoneType.MOBILE))),
                new Contact("C8", "Pat", "Reed", List.of(new Email("pat.reed@example.org", EmailLocation.HOME)),
                        List.of(new Telephone("07700900008", TelephoneType.MOBILE))));

        assertThat(snapshot.staff()).containsExactly(
                new Staff("E1", "Jane", "Smith", "j.smith@school.example.org", "07700900100", null),
                new Staff("E2", "Raj", "Patel", "r.patel@school.example.org", null, d("2026-12-31")));

        assertThat(snapshot.groups()).containsExactly(
                new Group("G-Y7", "Year 7", GroupKind.YEAR, true, Set.of("P1", "P3")),
                new Group("G-Y8", "Year 8", GroupKind.YEAR, true, Set.of("P2", "P4", "P7")),
                new Group("G-7A", "7A", GroupKind.REGISTRATION, true, Set.of("P1", "P3")),
                new Group("G-8B", "8B", GroupKind.REGISTRATION, true, Set.of("P2", "P4", "P7")),
                new Group("G-RED", "Red House", GroupKind.OTHER, true, Set.of("P1", "P2", "E2")),
                new Group("K-7MA", "7A/Ma1", GroupKind.CLASS, true, Set.of("P1", "P3", "E1")),
                new Group("K-8EN", "8B/En1", GroupKind.CLASS, true, Set.of("P2", "P4", "E2")));
    }

    @Test
    void priorityOneContactsAreTheOnesTheMisGivesPriorityOne() throws Exception {
        Snapshot snapshot = read(200);
        Map<String, List<String>> primeByStudent = snapshot.links().stream().filter(l -> l.priority() == 1)
                .collect(Collectors.groupingBy(ContactLink::studentId, Collectors.mapping(ContactLink::contactId, Collectors.toList())));
        assertThat(primeByStudent).containsOnly(
                Map.entry("P1", List.of("C1")), Map.entry("P2", List.of("C2")), Map.entry("P3", List.of("C5")),
                Map.entry("P4", List.of("C6", "C7")), Map.entry("P5", List.of("C8")), Map.entry("P6", List.of("C9")),
                Map.entry("P7", List.of("C9")));
    }

    @Test
    void aMissingPriorityComesAfterTheStatedOnesAndARepeatedOneIsKept() throws Exception {
        Map<String, ContactLink> p3 = linksOf(read(200), "P3");
        assertThat(p3.get("C5").priority()).isEqualTo(1);
        assertThat(p3.get("C4").priority()).isEqualTo(2); // listed first, but without a priority: after the last stated (1)
        Map<String, ContactLink> p4 = linksOf(read(200), "P4");
        assertThat(p4.get("C6").priority()).isEqualTo(1);
        assertThat(p4.get("C7").priority()).isEqualTo(1); // the MIS gives both priority 1; the listing order never ranks
    }

    private static Map<String, ContactLink> linksOf(Snapshot snapshot, String studentId) {
        return snapshot.links().stream().filter(l -> l.studentId().equals(studentId))
                .collect(Collectors.toMap(ContactLink::contactId, Function.identity()));
    }

    @Test
    void everyPageIsFollowedWhenPagesAreSmall() throws Exception {
        Snapshot whole = read(200);
        fake.clearRequests();
        Snapshot paged = read(2);
        assertThat(paged.students()).isEqualTo(whole.students());
        assertThat(paged.contacts()).isEqualTo(whole.contacts());
        assertThat(paged.links()).isEqualTo(whole.links());
        assertThat(paged.staff()).isEqualTo(whole.staff());
        assertThat(paged.groups()).isEqualTo(whole.groups());
        List<String> studentPages = fake.requests().stream().filter(r -> r.contains("/students?")).toList();
        assertThat(studentPages).hasSize(3); // 5 on roll, 2 per page
        assertThat(studentPages.get(2)).contains("page=3").contains("per_page=2").contains("include=contacts,");
    }

    @Test
    void a429IsWaitedOutForRetryAfterThenTheReadSucceeds() throws Exception {
        fake.retryAfterSeconds(2);
        fake.failNext(FakeWonde.Fault.RATE_LIMIT_429);
        try (WondeTests.Wired wired = reader(fake, 200)) {
            Snapshot snapshot = wired.reader.read();
            assertThat(snapshot.students()).hasSize(7);
            assertThat(wired.pauses).containsExactly(Duration.ofSeconds(2));
        }
    }

    @Test
    void a500IsRetriedThenTheReadSucceeds() throws Exception {
        fake.failNext(FakeWonde.Fault.ERROR_500, FakeWonde.Fault.ERROR_500);
        try (WondeTests.Wired wired = reader(fake, 2)) {
            assertThat(wired.reader.read().students()).hasSize(7);
            assertThat(wired.pauses).hasSize(2);
        }
    }

    @Test
    void aSlowAnswerPastTheResponseTimeoutIsRetried() throws Exception {
        fake.slowMillis(1500);
        fake.failNext(FakeWonde.Fault.SLOW);
        var settings = WondeTests.quick().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500));
        try (WondeTests.Wired wired = new WondeTests.Wired(fake, TOKEN, 200, false, Clock.systemUTC(), settings)) {
            assertThat(wired.reader.read().students()).hasSize(7);
            assertThat(wired.pauses).hasSize(1);
        }
    }

    @Test
    void anExpiredNextLinkFailsTheWholeReadClearly() {
        fake.expireCursors(422);
        assertThatThrownBy(() -> read(2))
                .isInstanceOf(MisReadException.class)
                .hasMessageContaining("page 2 of students failed after 2 records")
                .hasMessageContaining("HTTP 422")
                .hasMessageContaining("whole read is abandoned");
    }

    @Test
    void aWrongTokenFailsClearlyWithoutShowingTheToken() {
        fake.token("another-token-entirely");
        assertThatThrownBy(() -> read(200))
                .isInstanceOf(MisReadException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("refused our credentials")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
    }

    @Test
    void aNextLinkToAnotherOriginIsRefusedBeforeTheTokenGoesThere() throws Exception {
        try (FakeWonde elsewhere = FakeWonde.start(FakeWonde.School.sample(), TOKEN)) {
            fake.nextLinkOrigin(elsewhere.baseUrl()); // same host, another port: still another origin
            assertThatThrownBy(() -> read(2))
                    .isInstanceOf(MisReadException.class)
                    .hasMessageContaining("refusing to send the school's token to another host")
                    .hasMessageContaining(":" + elsewhere.baseUrl().getPort());
            assertThat(elsewhere.requests()).isEmpty();
        }
        fake.nextLinkOrigin(URI.create("https://evil.example.org"));
        assertThatThrownBy(() -> read(2)).hasMessageContaining("https://evil.example.org:443");
    }

    @Test
    void preAdmissionsTheSchoolDoesNotShareAreReadAsNone() throws Exception {
        fake.deny("students-pre-admission", 403);
        Snapshot snapshot = read(200);
        assertThat(snapshot.failures()).isEmpty();
        assertThat(snapshot.students()).extracting(Student::id).containsExactly("P1", "P2", "P3", "P4", "P7", "P6");
        assertThat(snapshot.contacts()).extracting(Contact::id).doesNotContain("C8");
    }

    @Test
    void leaversNotFoundAreReadAsNone() throws Exception {
        fake.deny("students-leaver", 404);
        assertThat(read(200).students()).extracting(Student::id).doesNotContain("P6").hasSize(6);
    }

    @Test
    void staffNotSharedIsAFailureOfTheStaffAreaNotAnEmptyList() throws Exception {
        fake.deny("employees", 403);
        Snapshot snapshot = read(200);
        assertThat(snapshot.failed(Area.STAFF)).isTrue();
        assertThat(snapshot.failures()).singleElement().satisfies(f -> assertThat(f.reason())
                .contains("employees could not be read").contains("403"));
        assertThat(snapshot.failed(Area.STUDENTS)).isFalse();
    }

    @Test
    void studentsNotSharedFailTheRead() {
        fake.deny("students", 403);
        assertThatThrownBy(() -> read(200)).isInstanceOf(MisReadException.class).hasMessageContaining("HTTP 403");
    }

    @Test
    void anOriginIsSchemeHostAndPortWithDefaultPorts() {
        assertThat(WondePager.sameOrigin(URI.create("https://api.wonde.com/v1.0/x?page=2"),
                URI.create("https://API.wonde.com:443/v1.0/schools/A1/"))).isTrue();
        assertThat(WondePager.sameOrigin(URI.create("http://api.wonde.com/v1.0/x"),
                URI.create("https://api.wonde.com/v1.0/x"))).isFalse();
        assertThat(WondePager.sameOrigin(URI.create("https://api.wonde.com.evil.org/x"),
                URI.create("https://api.wonde.com/x"))).isFalse();
    }
}
