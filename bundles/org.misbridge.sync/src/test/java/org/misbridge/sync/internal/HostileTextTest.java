package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.misbridge.api.directory.DataIssue;
import org.misbridge.api.directory.DirectoryGroup;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.model.Contact;
import org.misbridge.api.model.ContactLink;
import org.misbridge.api.model.Email;
import org.misbridge.api.model.EmailLocation;
import org.misbridge.api.model.Enrolment;
import org.misbridge.api.model.Group;
import org.misbridge.api.model.GroupKind;
import org.misbridge.api.model.ParentalResponsibility;
import org.misbridge.api.model.Student;
import org.misbridge.api.model.Telephone;
import org.misbridge.api.model.TelephoneType;

/**
 * Issue 18, item 12: hostile text from the MIS never fails a school with the database's error.
 * A name (or year group, registration group, relationship, group name) longer than the directory
 * holds is cut to fit, and control characters (NUL, newlines, tabs) and bidirectional controls
 * (such as U+202E, the right-to-left override) are taken out; each such value is imported that way
 * and raised as a data issue naming the member and the field, as the invalid-details rule does. An
 * email or mobile carrying them is an invalid detail, not imported. A member whose id the directory
 * cannot hold is not imported, with a data issue. No data issue carries the characters raw.
 */
class HostileTextTest {

    private static final String LONG_NAME = "A".repeat(256);

    private static Student student(String id, String given, String family, String year, String registration) {
        return new Student(id, null, given, family, year, registration, Enrolment.onRoll(LocalDate.of(2025, 9, 1), null));
    }

    private static Member member(DirectoryState state, String id) {
        return state.members().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    private static DataIssue issue(DirectoryState state, String member, String field) {
        return state.dataIssues().stream().filter(i -> member.equals(i.memberId()) && field.equals(i.field())).findFirst()
                .orElseThrow(() -> new AssertionError("no issue for " + member + " " + field + " in " + state.dataIssues()));
    }

    private static void assertNoRawControlCharacters(DirectoryState state) {
        List<String> stored = new ArrayList<>();
        state.members().forEach(m -> stored.addAll(java.util.Arrays.asList(m.id(), m.givenName(), m.familyName(),
                String.valueOf(m.yearGroup()), String.valueOf(m.registrationGroup()))));
        state.people().forEach(p -> stored.addAll(List.of(p.givenName(), p.familyName())));
        state.links().forEach(l -> stored.add(String.valueOf(l.relationship())));
        state.groups().forEach(g -> stored.add(g.name()));
        state.details().forEach(d -> stored.add(d.value()));
        state.dataIssues().forEach(i -> stored.addAll(List.of(i.reason(), String.valueOf(i.memberId()))));
        assertThat(stored).allSatisfy(s -> assertThat(s.codePoints()
                .filter(c -> Character.getType(c) == Character.CONTROL || c == 0x202E || c == 0x2066 || c == 0x200F))
                .as("characters of %s", s).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(RecordedSchool.Store.class)
    void aNameLongerThanTheDirectoryHoldsIsCutToFitAndRaisedNotADatabaseError(RecordedSchool.Store store) throws Exception {
        try (RecordedSchool school = new RecordedSchool(store)) {
            school.students.add(student("s1", LONG_NAME, "Long", "7", "7A"));
            school.onRoll("s2");

            SyncRun run = school.sync();

            assertThat(run.outcome()).as(run.message()).isEqualTo(SyncOutcome.SUCCESS);
            DirectoryState state = school.state();
            assertThat(member(state, "s1").givenName()).isEqualTo("A".repeat(255));
            assertThat(member(state, "s2")).isNotNull();
            DataIssue issue = issue(state, "s1", "given name");
            assertThat(issue.kind()).isEqualTo("invalid-text");
            assertThat(issue.reason()).contains("256 characters").contains("255");

            SyncRun again = school.sync();
            assertThat(again.created() + again.updated() + again.removed()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(RecordedSchool.Store.class)
    void controlAndBidiCharactersAreTakenOutOfNamesAndRaised(RecordedSchool.Store store) throws Exception {
        try (RecordedSchool school = new RecordedSchool(store)) {
            school.students.add(student("s1", "Ann\u202Eelyn", "Smith\u0000", "7\n", "7A\t"));
            school.contacts.add(new Contact("p1", "Jo\r\nDrop", "Doe\u2066", List.of(), List.of()));
            school.links.add(new ContactLink("s1", "p1", 1, ParentalResponsibility.YES, "Mum\u0007"));
            school.groups.add(new Group("g1", "Maths\u202E" + "x".repeat(300), GroupKind.CLASS, true, Set.of("s1")));

            SyncRun run = school.sync();

            assertThat(run.outcome()).as(run.message()).isEqualTo(SyncOutcome.SUCCESS);
            DirectoryState state = school.state();
            Member s1 = member(state, "s1");
            assertThat(List.of(s1.givenName(), s1.familyName(), s1.yearGroup(), s1.registrationGroup()))
                    .containsExactly("Annelyn", "Smith", "7", "7A");
            LinkedPerson p1 = state.people().get(0);
            assertThat(List.of(p1.givenName(), p1.familyName())).containsExactly("Jo Drop", "Doe");
            assertThat(state.links()).extracting(Link::relationship).containsExactly("Mum");
            assertThat(state.groups()).extracting(DirectoryGroup::name).containsExactly("Maths" + "x".repeat(250));
            for (String field : List.of("given name", "family name", "year group", "registration group")) {
                assertThat(issue(state, "s1", field).kind()).isEqualTo("invalid-text");
            }
            assertThat(state.dataIssues()).filteredOn(i -> "p1".equals(i.personId()))
                    .extracting(DataIssue::field).containsExactlyInAnyOrder("given name", "family name", "relationship");
            assertThat(state.dataIssues()).filteredOn(i -> "group name".equals(i.field())).singleElement()
                    .satisfies(i -> assertThat(i.reason()).contains("g1").contains("U+202E"));
            assertThat(issue(state, "s1", "family name").reason()).contains("U+0000");
            assertNoRawControlCharacters(state);
        }
    }

    @ParameterizedTest
    @EnumSource(RecordedSchool.Store.class)
    void anEmailOrMobileWithControlCharactersIsAnInvalidDetailNotADatabaseError(RecordedSchool.Store store) throws Exception {
        try (RecordedSchool school = new RecordedSchool(store)) {
            school.onRoll("s1");
            school.contacts.add(new Contact("p1", "Jo", "Doe", List.of(new Email("jo\u0000@example.org", EmailLocation.HOME),
                    new Email("jo\u202E@example.org", EmailLocation.WORK), new Email("x".repeat(300) + "@example.org", EmailLocation.HOME)),
                    List.of(new Telephone("07700\u0000900001", TelephoneType.MOBILE))));
            school.links.add(new ContactLink("s1", "p1", 1, ParentalResponsibility.YES, "Parent"));

            SyncRun run = school.sync();

            assertThat(run.outcome()).as(run.message()).isEqualTo(SyncOutcome.SUCCESS);
            DirectoryState state = school.state();
            assertThat(state.details()).isEmpty();
            assertThat(state.dataIssues()).extracting(DataIssue::kind)
                    .containsExactlyInAnyOrder("invalid-email", "invalid-email", "invalid-email", "invalid-mobile");
            assertThat(state.dataIssues()).allSatisfy(i -> assertThat(List.of(i.memberId(), i.personId())).containsExactly("s1", "p1"));
            assertNoRawControlCharacters(state);
        }
    }

    @ParameterizedTest
    @EnumSource(RecordedSchool.Store.class)
    void aMemberWhoseIdTheDirectoryCannotHoldIsNotImportedAndRaised(RecordedSchool.Store store) throws Exception {
        try (RecordedSchool school = new RecordedSchool(store)) {
            String longId = "stu-" + "9".repeat(200);
            school.students.add(student(longId, "Ann", "Long", "7", "7A"));
            school.students.add(student("stu\u0000nul", "Bob", "Nul", "7", "7A"));
            school.onRoll("s2");
            school.contacts.add(new Contact("p\u202E1", "Jo", "Doe", List.of(), List.of()));
            school.links.add(new ContactLink("s2", "p\u202E1", 1, ParentalResponsibility.YES, "Parent"));

            SyncRun run = school.sync();

            assertThat(run.outcome()).as(run.message()).isEqualTo(SyncOutcome.SUCCESS);
            DirectoryState state = school.state();
            assertThat(state.members()).extracting(Member::id).containsExactly("s2");
            assertThat(state.people()).isEmpty();
            assertThat(state.dataIssues()).extracting(DataIssue::kind, DataIssue::field).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("invalid-id", "student id"),
                    org.assertj.core.groups.Tuple.tuple("invalid-id", "student id"),
                    org.assertj.core.groups.Tuple.tuple("invalid-id", "contact id"));
            assertThat(state.dataIssues().get(2).memberId()).isEqualTo("s2");
            assertThat(state.dataIssues()).anySatisfy(i -> assertThat(i.reason()).contains("stu-999").contains("204 characters"));
            assertNoRawControlCharacters(state);
        }
    }
}
