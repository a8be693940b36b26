package org.misbridge.sync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.Changes;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DetailKind;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Keyed;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.model.ApplicationStatus;
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
import org.misbridge.api.model.Staff;
import org.misbridge.api.model.Student;
import org.misbridge.api.model.Telephone;
import org.misbridge.api.model.TelephoneType;

class SyncPlannerTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    private final List<Student> students = new ArrayList<>();
    private final List<Contact> contacts = new ArrayList<>();
    private final List<ContactLink> links = new ArrayList<>();
    private final List<Staff> staff = new ArrayList<>();
    private final List<Group> groups = new ArrayList<>();

    private Snapshot snapshot(Coverage coverage) {
        return new Snapshot("s1", "test", coverage, Instant.EPOCH, students, staff, contacts, links, groups, List.of());
    }

    private Student student(String id, Enrolment e) {
        Student s = new Student(id, null, "Given" + id, "Family", "7", "7A", e);
        students.add(s);
        return s;
    }

    private Contact contact(String id, String email, String mobile) {
        Contact c = new Contact(id, "Parent" + id, "Family", List.of(new Email(email, EmailLocation.HOME)),
                List.of(new Telephone(mobile, TelephoneType.MOBILE)));
        contacts.add(c);
        return c;
    }

    private void link(String student, String contact, int priority) {
        links.add(new ContactLink(student, contact, priority, ParentalResponsibility.UNKNOWN, "parent"));
    }

    private static ChangeSet plan(ImportSettings settings, Snapshot snapshot, DirectoryState current) {
        return new SyncPlanner(settings, TODAY).plan(snapshot, current);
    }

    /** The directory as it is after applying a change set to an empty one. */
    private static DirectoryState applied(ChangeSet c) {
        return new DirectoryState("s1", c.members().created(), c.people().created(), c.links().created(),
                c.details().created(), c.groups().created(), c.memberships().created(), c.dataIssues());
    }

    @Test
    void priorityOneContactBecomesPrimeParentAndLowerPrioritiesAreSkippedByDefault() {
        student("st1", Enrolment.onRoll(LocalDate.of(2020, 9, 1), null));
        contact("c1", "mum@example.org", "07700900001");
        contact("c2", "dad@example.org", "07700900002");
        link("st1", "c1", 1);
        link("st1", "c2", 2);

        ChangeSet changes = plan(ImportSettings.defaults(), snapshot(Coverage.WHOLE_ROLL), DirectoryState.empty("s1"));

        assertThat(changes.links().created()).extracting(Link::personId, Link::prime).containsExactly(
                org.assertj.core.groups.Tuple.tuple("c1", true));
        assertThat(changes.people().created()).extracting(p -> p.id()).containsExactly("c1");
        assertThat(changes.details().created()).extracting(ContactDetail::kind, ContactDetail::value).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(DetailKind.EMAIL, "mum@example.org"),
                org.assertj.core.groups.Tuple.tuple(DetailKind.MOBILE, "07700900001"));
    }

    @Test
    void lowerPrioritiesComeInAsNonPrimeWhenConfigured() {
        student("st1", Enrolment.onRoll(null, null));
        contact("c1", "mum@example.org", "07700900001");
        contact("c2", "dad@example.org", "07700900002");
        link("st1", "c1", 1);
        link("st1", "c2", 2);
        ImportSettings twoLevels = new ImportSettings(false, false, Set.of(1), 2, false, true, true, true);

        ChangeSet changes = plan(twoLevels, snapshot(Coverage.WHOLE_ROLL), DirectoryState.empty("s1"));

        assertThat(changes.links().created()).extracting(Link::personId, Link::prime).containsExactly(
                org.assertj.core.groups.Tuple.tuple("c1", true), org.assertj.core.groups.Tuple.tuple("c2", false));
    }

    @Test
    void atMostFourAdultsAreLinkedToAStudent() {
        student("st1", Enrolment.onRoll(null, null));
        for (int i = 1; i <= 6; i++) {
            contact("c" + i, "p" + i + "@example.org", "0770090000" + i);
            link("st1", "c" + i, i);
        }
        ImportSettings all = new ImportSettings(false, false, Set.of(1), 9, false, true, true, true);

        ChangeSet changes = plan(all, snapshot(Coverage.WHOLE_ROLL), DirectoryState.empty("s1"));

        assertThat(changes.links().created()).extracting(Link::personId).containsExactly("c1", "c2", "c3", "c4");
    }

    @Test
    void invalidDetailsBecomeDataIssuesAndAreNotImported() {
        student("st1", Enrolment.onRoll(null, null));
        contact("c1", "jane.smith@@example", "077009000011234567");
        link("st1", "c1", 1);

        ChangeSet changes = plan(ImportSettings.defaults(), snapshot(Coverage.WHOLE_ROLL), DirectoryState.empty("s1"));

        assertThat(changes.details().created()).isEmpty();
        assertThat(changes.dataIssues()).extracting(i -> i.kind(), i -> i.memberId(), i -> i.personId()).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("invalid-email", "st1", "c1"),
                org.assertj.core.groups.Tuple.tuple("invalid-mobile", "st1", "c1"));
        assertThat(changes.dataIssues().get(1).reason()).contains("too many digits");
    }

    @Test
    void emailsCountOnlyAtHomeOrWorkAndMobilesOnlyWhenTypedMobile() {
        student("st1", Enrolment.onRoll(null, null));
        contacts.add(new Contact("c1", "A", "B",
                List.of(new Email("other@example.org", EmailLocation.OTHER), new Email("work@example.org", EmailLocation.WORK)),
                List.of(new Telephone("01632960001", TelephoneType.HOME), new Telephone("07700900009", TelephoneType.MOBILE))));
        link("st1", "c1", 1);

        ChangeSet changes = plan(ImportSettings.defaults(), snapshot(Coverage.WHOLE_ROLL), DirectoryState.empty("s1"));

        assertThat(changes.details().created()).extracting(ContactDetail::value)
                .containsExactlyInAnyOrder("work@example.org", "07700900009");
    }

    @Test
    void aDetailListedTwiceIsKeptOnceAndAContactListedTwiceKeepsEachDetailOnce() {
        // ContactDetail's key is (owner, kind, value): a value written twice is one detail, whether
        // the contact lists it twice or the reader lists the contact twice, apart or in a row
        student("st1", Enrolment.onRoll(null, null));
        student("st2", Enrolment.onRoll(null, null));
        Contact twice = new Contact("c1", "A", "B",
                List.of(new Email("home@example.org", EmailLocation.HOME), new Email("home@example.org", EmailLocation.WORK)),
                List.of(new Telephone("07700900001", TelephoneType.MOBILE), new Telephone("07700 900001", TelephoneType.MOBILE)));
        contacts.add(twice);
        contact("c2", "other@example.org", "07700900002");
        contacts.add(twice);
        contacts.add(new Contact("c2", "C", "D", List.of(new Email("late@example.org", EmailLocation.HOME)), List.of()));
        link("st1", "c1", 1);
        link("st2", "c2", 1);

        ChangeSet changes = plan(ImportSettings.defaults(), snapshot(Coverage.WHOLE_ROLL), DirectoryState.empty("s1"));

        assertThat(changes.details().created()).extracting(ContactDetail::ownerId, ContactDetail::value).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("c1", "home@example.org"),
                org.assertj.core.groups.Tuple.tuple("c1", "07700900001"),
                org.assertj.core.groups.Tuple.tuple("c2", "other@example.org"),
                org.assertj.core.groups.Tuple.tuple("c2", "07700900002"),
                org.assertj.core.groups.Tuple.tuple("c2", "late@example.org"));
    }

    @Test
    void aContactWithManyEmailsKeepsEachOnceAndInOrder() {
        // past the few a contact's details are scanned for repeats among, they are keyed: the same
        // rule (one detail per owner, kind and value), in the order the MIS listed them
        student("st1", Enrolment.onRoll(null, null));
        List<Email> emails = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            emails.add(new Email("p" + (i % 25) + "@example.org", EmailLocation.HOME));
            if (i < 25) {
                expected.add("p" + i + "@example.org");
            }
        }
        contacts.add(new Contact("c1", "A", "B", emails, List.of()));
        link("st1", "c1", 1);

        ChangeSet changes = plan(ImportSettings.defaults(), snapshot(Coverage.WHOLE_ROLL), DirectoryState.empty("s1"));

        assertThat(changes.details().created()).extracting(ContactDetail::value).containsExactlyElementsOf(expected);
    }

    @Test
    void preAdmissionsAreImportedOnlyWhenSwitchedOnAndNeverWhenRejected() {
        student("pa1", Enrolment.preAdmission(ApplicationStatus.ACCEPTED, TODAY.plusMonths(9)));
        student("pa2", Enrolment.preAdmission(ApplicationStatus.REJECTED, TODAY.plusMonths(9)));
        ImportSettings on = new ImportSettings(true, false, Set.of(1), 1, false, true, true, true);

        assertThat(plan(ImportSettings.defaults(), snapshot(Coverage.WHOLE_ROLL), DirectoryState.empty("s1"))
                .members().created()).isEmpty();
        assertThat(plan(on, snapshot(Coverage.WHOLE_ROLL), DirectoryState.empty("s1")).members().created())
                .extracting(Member::id, Member::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("pa1", EnrolmentState.PRE_ADMISSION));
    }

    @Test
    void aStudentWithAFutureStartDateIsHeldBackUntilThatDate() {
        student("st1", Enrolment.onRoll(TODAY.plusDays(1), null));

        assertThat(plan(ImportSettings.defaults(), snapshot(Coverage.WHOLE_ROLL), DirectoryState.empty("s1"))
                .members().created()).isEmpty();
        ChangeSet onTheDay = new SyncPlanner(ImportSettings.defaults(), TODAY.plusDays(1))
                .plan(snapshot(Coverage.WHOLE_ROLL), DirectoryState.empty("s1"));
        assertThat(onTheDay.members().created()).hasSize(1);
    }

    @Test
    void aStudentWhoseLeavingDateHasPassedIsMarkedLeaver() {
        student("st1", Enrolment.onRoll(null, TODAY.minusDays(1)));
        student("st2", Enrolment.onRoll(null, TODAY.plusDays(30)));

        ChangeSet changes = plan(ImportSettings.defaults(), snapshot(Coverage.WHOLE_ROLL), DirectoryState.empty("s1"));

        assertThat(changes.members().created()).extracting(Member::id, Member::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("st1", EnrolmentState.LEAVER),
                org.assertj.core.groups.Tuple.tuple("st2", EnrolmentState.ON_ROLL));
    }

    @Test
    void theSameSnapshotTwiceChangesNothingTheSecondTime() {
        student("st1", Enrolment.onRoll(null, null));
        student("st2", Enrolment.leaver(null, TODAY.minusDays(3)));
        contact("c1", "mum@example.org", "07700900001");
        contact("c2", "bad@", "123");
        link("st1", "c1", 1);
        link("st2", "c2", 1);
        staff.add(new Staff("t1", "Tess", "Teacher", "tess@school.example", "07700900100", null));
        groups.add(new Group("g1", "7A", GroupKind.REGISTRATION, true, Set.of("st1", "st2", "t1", "ghost")));

        ChangeSet first = plan(ImportSettings.defaults(), snapshot(Coverage.WHOLE_ROLL), DirectoryState.empty("s1"));
        ChangeSet second = plan(ImportSettings.defaults(), snapshot(Coverage.WHOLE_ROLL), applied(first));

        assertThat(first.created()).isPositive();
        assertThat(second.isEmpty()).as("second plan %s", second).isTrue();
        assertThat(second.dataIssues()).hasSameElementsAs(first.dataIssues());
    }

    @Test
    void aMemberMissingFromAWholeRollBecomesALeaverAndKeepsTheirContacts() {
        student("st1", Enrolment.onRoll(null, null));
        contact("c1", "mum@example.org", "07700900001");
        link("st1", "c1", 1);
        DirectoryState before = applied(plan(ImportSettings.defaults(), snapshot(Coverage.WHOLE_ROLL), DirectoryState.empty("s1")));
        students.clear();
        student("st9", Enrolment.onRoll(null, null));

        ChangeSet changes = plan(ImportSettings.defaults(), snapshot(Coverage.WHOLE_ROLL), before);

        assertThat(changes.members().updated()).extracting(Member::id, Member::state, Member::leavingDate)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("st1", EnrolmentState.LEAVER, TODAY));
        assertThat(changes.members().removed()).isEmpty();
        assertThat(changes.links().removed()).isEmpty();
        assertThat(changes.people().removed()).isEmpty();
        assertThat(changes.details().removed()).isEmpty();
    }

    @Test
    void aPartialSnapshotNeverTurnsAbsentMembersIntoLeavers() {
        student("st1", Enrolment.onRoll(null, null));
        DirectoryState before = applied(plan(ImportSettings.defaults(), snapshot(Coverage.WHOLE_ROLL), DirectoryState.empty("s1")));
        students.clear();
        student("st2", Enrolment.onRoll(null, null));

        ChangeSet changes = plan(ImportSettings.defaults(), snapshot(Coverage.PARTIAL), before);

        assertThat(changes.members().created()).extracting(Member::id).containsExactly("st2");
        assertThat(changes.members().updated()).isEmpty();
    }

    @Test
    void importNeverUnblocksABlockedEmailNorRemovesIt() {
        student("st1", Enrolment.onRoll(null, null));
        contact("c1", "mum@example.org", "07700900001");
        link("st1", "c1", 1);
        DirectoryState first = applied(plan(ImportSettings.defaults(), snapshot(Coverage.WHOLE_ROLL), DirectoryState.empty("s1")));
        List<ContactDetail> details = first.details().stream()
                .map(d -> d.kind() == DetailKind.EMAIL ? new ContactDetail(d.ownerId(), d.kind(), d.value(), true, d.origin()) : d)
                .toList();
        DirectoryState blocked = new DirectoryState("s1", first.members(), first.people(), first.links(), details,
                first.groups(), first.memberships(), first.dataIssues());

        ChangeSet again = plan(ImportSettings.defaults(), snapshot(Coverage.WHOLE_ROLL), blocked);
        assertThat(again.isEmpty()).isTrue();
        assertThat(again.dataIssues()).containsExactly(org.misbridge.api.directory.DataIssue.blockedDetail("st1", "c1",
                DetailKind.EMAIL, "mum@example.org", Set.of()));
        contacts.clear();
        contact("c1", "new@example.org", "07700900001");
        Changes<ContactDetail> changed = plan(ImportSettings.defaults(), snapshot(Coverage.WHOLE_ROLL), blocked).details();
        assertThat(changed.removed()).isEmpty();
        assertThat(changed.created()).extracting(ContactDetail::value).containsExactly("new@example.org");
    }

    @Test
    void importLeavesManuallyAddedLinksAndPeopleAlone() {
        student("st1", Enrolment.onRoll(null, null));
        DirectoryState first = applied(plan(ImportSettings.defaults(), snapshot(Coverage.WHOLE_ROLL), DirectoryState.empty("s1")));
        DirectoryState withManual = new DirectoryState("s1", first.members(),
                List.of(new org.misbridge.api.directory.LinkedPerson("coach", "Carl", "Coach", Origin.MANUAL)),
                List.of(new Link("st1", "coach", 2, false, "coach", ParentalResponsibility.NO, Origin.MANUAL)),
                List.of(new ContactDetail("coach", DetailKind.EMAIL, "coach@example.org", false, Origin.WEB)),
                first.groups(), first.memberships(), first.dataIssues());

        ChangeSet changes = plan(ImportSettings.defaults(), snapshot(Coverage.WHOLE_ROLL), withManual);

        assertThat(changes.isEmpty()).isTrue();
    }

    @Test
    void aWebRegisteredAdultTakesOneOfTheFourPlaces() {
        student("st1", Enrolment.onRoll(null, null));
        for (int i = 1; i <= 5; i++) {
            contact("c" + i, "p" + i + "@example.org", "0770090000" + i);
            link("st1", "c" + i, i);
        }
        ImportSettings all = new ImportSettings(false, false, Set.of(1), 9, false, true, true, true);
        DirectoryState first = applied(plan(all, snapshot(Coverage.WHOLE_ROLL), DirectoryState.empty("s1")));
        List<Link> withWeb = new ArrayList<>(first.links());
        withWeb.add(new Link("st1", "gran", 9, false, "grandparent", ParentalResponsibility.NO, Origin.WEB));
        DirectoryState current = new DirectoryState("s1", first.members(),
                plus(first.people(), new org.misbridge.api.directory.LinkedPerson("gran", "Gran", "Family", Origin.WEB)),
                withWeb, first.details(), first.groups(), first.memberships(), first.dataIssues());

        ChangeSet changes = plan(all, snapshot(Coverage.WHOLE_ROLL), current);

        assertThat(first.links()).hasSize(4);
        assertThat(changes.links().removed()).extracting(Link::personId).containsExactly("c4");
        assertThat(changes.links().created()).isEmpty();
    }

    @Test
    void importLeavesCustomGroupsAndHandAddedMembersInImportedGroupsAlone() {
        student("st1", Enrolment.onRoll(null, null));
        groups.add(new Group("g1", "Maths", GroupKind.CLASS, true, Set.of("st1")));
        DirectoryState first = applied(plan(ImportSettings.defaults(), snapshot(Coverage.WHOLE_ROLL), DirectoryState.empty("s1")));
        Member coach = new Member("coach", org.misbridge.api.directory.MemberKind.OTHER, "Carl", "Coach", null, null,
                EnrolmentState.ON_ROLL, null, null, null, Origin.MANUAL);
        DirectoryState current = new DirectoryState("s1", plus(first.members(), coach), first.people(), first.links(),
                first.details(),
                plus(first.groups(), new org.misbridge.api.directory.DirectoryGroup("trip", "Paris trip", GroupKind.OTHER,
                        true, Origin.MANUAL)),
                plus(plus(first.memberships(), new org.misbridge.api.directory.GroupMembership("trip", "st1")),
                        new org.misbridge.api.directory.GroupMembership("g1", "coach")),
                first.dataIssues());

        ChangeSet changes = plan(ImportSettings.defaults(), snapshot(Coverage.WHOLE_ROLL), current);

        assertThat(changes.isEmpty()).isTrue();
    }

    private static <T> List<T> plus(List<T> rows, T row) {
        List<T> out = new ArrayList<>(rows);
        out.add(row);
        return out;
    }

    @Test
    void onlyActiveGroupsWhenConfigured() {
        student("st1", Enrolment.onRoll(null, null));
        groups.add(new Group("g1", "Maths", GroupKind.CLASS, true, Set.of("st1")));
        groups.add(new Group("g2", "Old", GroupKind.CLASS, false, Set.of("st1")));
        ImportSettings activeOnly = new ImportSettings(false, true, Set.of(1), 1, false, true, true, true);

        assertThat(ids(plan(activeOnly, snapshot(Coverage.WHOLE_ROLL), DirectoryState.empty("s1")).groups().created()))
                .containsExactly("g1");
        assertThat(ids(plan(ImportSettings.defaults(), snapshot(Coverage.WHOLE_ROLL), DirectoryState.empty("s1")).groups().created()))
                .containsExactly("g1", "g2");
    }

    @Test
    void pausedContactsAndGroupsAreLeftExactlyAsTheyWere() {
        student("st1", Enrolment.onRoll(null, null));
        contact("c1", "mum@example.org", "07700900001");
        link("st1", "c1", 1);
        groups.add(new Group("g1", "Maths", GroupKind.CLASS, true, Set.of("st1")));
        DirectoryState before = applied(plan(ImportSettings.defaults(), snapshot(Coverage.WHOLE_ROLL), DirectoryState.empty("s1")));
        contacts.clear();
        contact("c1", "changed@example.org", "07700900001");
        groups.clear();
        student("st2", Enrolment.onRoll(null, null));

        ChangeSet changes = new SyncPlanner(ImportSettings.defaults(), TODAY, Set.of(Pause.CONTACTS, Pause.GROUPS), Set.of())
                .plan(snapshot(Coverage.WHOLE_ROLL), before);

        assertThat(changes.members().created()).extracting(Member::id).containsExactly("st2");
        assertThat(changes.people().isEmpty() && changes.links().isEmpty() && changes.details().isEmpty()).isTrue();
        assertThat(changes.groups().isEmpty() && changes.memberships().isEmpty()).isTrue();
    }

    @Test
    void anOptedOutStudentsContactsAreNeverImported() {
        student("st1", Enrolment.onRoll(null, null));
        student("st2", Enrolment.onRoll(null, null));
        contact("c1", "mum@example.org", "07700900001");
        contact("c2", "dad@example.org", "07700900002");
        link("st1", "c1", 1);
        link("st2", "c2", 1);

        ChangeSet changes = new SyncPlanner(ImportSettings.defaults(), TODAY, Set.of(),
                Set.of(new org.misbridge.api.directory.OptOut(org.misbridge.api.directory.OptOut.Kind.STUDENT, "st1")))
                .plan(snapshot(Coverage.WHOLE_ROLL), DirectoryState.empty("s1"));

        assertThat(changes.members().created()).extracting(Member::id).containsExactly("st1", "st2");
        assertThat(changes.links().created()).extracting(Link::memberId).containsExactly("st2");
        assertThat(changes.people().created()).extracting(p -> p.id()).containsExactly("c2");
    }

    @Test
    void anOptedOutContactKeepsNoDetailsAndOptingInRestoresThem() {
        student("st1", Enrolment.onRoll(null, null));
        contact("c1", "mum@example.org", "07700900001");
        link("st1", "c1", 1);
        DirectoryState before = applied(plan(ImportSettings.defaults(), snapshot(Coverage.WHOLE_ROLL), DirectoryState.empty("s1")));
        Set<org.misbridge.api.directory.OptOut> optOut = Set.of(
                new org.misbridge.api.directory.OptOut(org.misbridge.api.directory.OptOut.Kind.CONTACT, "c1"));

        ChangeSet out = new SyncPlanner(ImportSettings.defaults(), TODAY, Set.of(), optOut).plan(snapshot(Coverage.WHOLE_ROLL), before);

        assertThat(out.details().removed()).extracting(ContactDetail::value)
                .containsExactlyInAnyOrder("mum@example.org", "07700900001");
        assertThat(out.links().isEmpty() && out.people().isEmpty()).as("the contact stays linked").isTrue();
        DirectoryState without = new DirectoryState("s1", before.members(), before.people(), before.links(), List.of(),
                before.groups(), before.memberships(), before.dataIssues());
        assertThat(plan(ImportSettings.defaults(), snapshot(Coverage.WHOLE_ROLL), without).details().created()).hasSize(2);
    }

    private static List<String> ids(List<? extends Keyed> rows) {
        return rows.stream().map(Keyed::key).toList();
    }

    @Test
    void anUnknownAdmissionDateKeepsTheStoredOneAndAKnownOneReplacesIt() {
        // stored: joined 1 September 2020; the MIS now gives no date for st1, and 4 January 2021 for st2
        student("st1", Enrolment.onRollSinceUnknown(null));
        student("st2", Enrolment.onRoll(LocalDate.of(2021, 1, 4), null));
        student("st3", Enrolment.onRollSinceUnknown(null)); // new, and no date anywhere
        DirectoryState stored = new DirectoryState("s1", List.of(
                new Member("st1", MemberKind.STUDENT, "Givenst1", "Family", "7", "7A", EnrolmentState.ON_ROLL, null,
                        LocalDate.of(2020, 9, 1), null, Origin.IMPORT),
                new Member("st2", MemberKind.STUDENT, "Givenst2", "Family", "7", "7A", EnrolmentState.ON_ROLL, null,
                        LocalDate.of(2020, 9, 1), null, Origin.IMPORT)),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

        ChangeSet changes = plan(ImportSettings.defaults(), snapshot(Coverage.WHOLE_ROLL), stored);

        assertThat(changes.members().updated()).extracting(Member::id, Member::admissionDate)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("st2", LocalDate.of(2021, 1, 4)));
        assertThat(changes.members().created()).extracting(Member::id, Member::admissionDate)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("st3", null));
        assertThat(changes.members().removed()).isEmpty();
    }

    @Test
    void anEnrolmentSaysWhetherTheMisGaveTheAdmissionDate() {
        assertThat(Enrolment.onRollSinceUnknown(null).admissionDateKnown()).isFalse();
        assertThat(Enrolment.onRoll(LocalDate.of(2020, 9, 1), null).admissionDateKnown()).isTrue();
        assertThat(Enrolment.leaver(null, LocalDate.of(2026, 7, 20)).admissionDateKnown()).isFalse();
    }
}
