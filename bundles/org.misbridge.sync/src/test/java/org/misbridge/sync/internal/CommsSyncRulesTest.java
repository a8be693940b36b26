package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.misbridge.api.DirectoryEdits.Adult;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.Changes;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DataIssue;
import org.misbridge.api.directory.DeliveryFeedback;
import org.misbridge.api.directory.DetailKind;
import org.misbridge.api.directory.DirectoryGroup;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.OptOut;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.model.ApplicationStatus;
import org.misbridge.api.model.Area;
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
import org.misbridge.api.model.ReadFailure;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Student;
import org.misbridge.api.model.Telephone;
import org.misbridge.api.model.TelephoneType;
import org.misbridge.api.spi.MisReader;
import org.misbridge.api.spi.Notifier.Change;
import org.misbridge.api.spi.Notifier.DetailNotification;
import org.misbridge.scheduler.SyncSchedule;
import org.misbridge.scheduler.internal.SyncScheduler;
import org.misbridge.store.jdbc.internal.JdbcDirectory;
import org.misbridge.sync.plan.DeletionThreshold;
import org.misbridge.sync.plan.HandEdits;
import org.misbridge.sync.plan.ImportSettings;
import org.misbridge.sync.plan.Pause;

/**
 * The comms sync rules of the domain page, one test each, named after the rule: each syncs an MIS
 * snapshot through the real runner into the real store (H2) and asserts the directory afterwards.
 */
class CommsSyncRulesTest {

    private static final String SCHOOL = "rules";
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    private final List<Student> students = new ArrayList<>();
    private final List<Contact> contacts = new ArrayList<>();
    private final List<ContactLink> links = new ArrayList<>();
    private final List<Group> groups = new ArrayList<>();
    private final List<ReadFailure> failures = new ArrayList<>();
    private Coverage coverage = Coverage.WHOLE_ROLL;
    private LocalDate today = TODAY;
    private JdbcDirectory directory;
    private final List<DetailNotification> announced = new ArrayList<>();

    private final MisReader mis = new MisReader() {
        @Override
        public String kind() {
            return "recorded";
        }

        @Override
        public Snapshot read() {
            return new Snapshot(SCHOOL, "Rules School", coverage, Instant.EPOCH, List.copyOf(students), List.of(),
                    List.copyOf(contacts), List.copyOf(links), List.copyOf(groups), List.copyOf(failures));
        }
    };

    @BeforeEach
    void emptyStore() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        directory = new JdbcDirectory(ds);
        directory.migrate();
    }

    // --- the MIS as this test writes it

    private void student(String id, Enrolment e) {
        students.add(new Student(id, null, "Pupil", id, "7", "7A", e));
    }

    private void onRoll(String id) {
        student(id, Enrolment.onRoll(LocalDate.of(2025, 9, 1), null));
    }

    private void parent(String id, String email, EmailLocation where, String mobile, TelephoneType type) {
        contacts.add(new Contact(id, "Parent", id, List.of(new Email(email, where)), List.of(new Telephone(mobile, type))));
    }

    private void parent(String id) {
        parent(id, id + "@example.org", EmailLocation.HOME, "0770090" + String.format("%04d", Math.abs(id.hashCode()) % 10000),
                TelephoneType.MOBILE);
    }

    private void link(String student, String contact, int priority, ParentalResponsibility pr) {
        links.add(new ContactLink(student, contact, priority, pr, "Parent"));
    }

    // --- syncing and looking

    private SyncRun sync(ImportSettings settings) {
        return sync(settings, Set.of(), SyncOptions.normal(), NotifyPolicy.OFF);
    }

    private SyncRun sync(ImportSettings settings, Set<Pause> paused, SyncOptions options, NotifyPolicy notify) {
        Clock clock = Clock.fixed(today.atTime(6, 0).atZone(LONDON).toInstant(), ZoneOffset.UTC);
        return new SyncRunner(SCHOOL, mis, directory, directory.preferences(), directory.deletions(), RunnerSettings.of(settings, DeletionThreshold.defaults(), LONDON, clock)
                .withPaused(paused).withNotify(notify))
                .run(options);
    }

    private DirectoryState state() {
        return directory.load(SCHOOL);
    }

    private Optional<Member> member(String id) {
        return state().members().stream().filter(m -> m.id().equals(id)).findFirst();
    }

    private List<ContactDetail> detailsOf(String owner) {
        return state().details().stream().filter(d -> d.ownerId().equals(owner)).toList();
    }

    private static ImportSettings settings(boolean preAdmissions, boolean activeOnly, Set<Integer> prime, int max,
            boolean requirePr, boolean emails, boolean mobiles) {
        return new ImportSettings(preAdmissions, activeOnly, prime, max, requirePr, true, emails, mobiles);
    }

    private static final ImportSettings DEFAULTS = ImportSettings.defaults();

    @Test
    void rule01PreAdmissionsAreImportedWhenSwitchedOnAndStudentsWithAFutureStartWaitForTheirDate() {
        LocalDate september = TODAY.plusMonths(9);
        for (ApplicationStatus status : ApplicationStatus.values()) {
            student("app-" + status.name().toLowerCase(), Enrolment.preAdmission(status, september));
        }
        student("starter", Enrolment.onRoll(TODAY.plusDays(7), null));
        ImportSettings on = settings(true, false, Set.of(1), 1, false, true, true);

        sync(DEFAULTS);
        assertThat(state().members()).isEmpty();

        sync(on);
        assertThat(state().members()).extracting(Member::id, Member::state).containsExactlyInAnyOrder(
                tuple("app-applied", EnrolmentState.PRE_ADMISSION), tuple("app-offered", EnrolmentState.PRE_ADMISSION),
                tuple("app-accepted", EnrolmentState.PRE_ADMISSION), tuple("app-reserved", EnrolmentState.PRE_ADMISSION),
                tuple("app-admitted", EnrolmentState.PRE_ADMISSION));

        today = TODAY.plusDays(7);
        sync(on);
        assertThat(member("starter")).map(Member::state).contains(EnrolmentState.ON_ROLL);
    }

    @Test
    void rule02GroupsAllOrActiveOnly() {
        onRoll("s1");
        groups.add(new Group("maths", "Maths", GroupKind.CLASS, true, Set.of("s1")));
        groups.add(new Group("old", "Last year's club", GroupKind.OTHER, false, Set.of("s1")));

        sync(settings(false, true, Set.of(1), 1, false, true, true));
        assertThat(state().groups()).extracting(DirectoryGroup::id).containsExactly("maths");

        sync(DEFAULTS);
        assertThat(state().groups()).extracting(DirectoryGroup::id).containsExactlyInAnyOrder("maths", "old");
    }

    @Test
    void rule03ContactStrategyPrimeAndNonPrimeByPriorityAndParentalResponsibility() {
        onRoll("s1");
        parent("mum");
        parent("dad");
        parent("aunt");
        link("s1", "mum", 1, ParentalResponsibility.YES);
        link("s1", "dad", 2, ParentalResponsibility.YES);
        link("s1", "aunt", 3, ParentalResponsibility.NO);

        sync(DEFAULTS);
        assertThat(state().links()).extracting(Link::personId, Link::prime).containsExactly(tuple("mum", true));

        sync(settings(false, false, Set.of(1), 3, true, true, true));
        assertThat(state().links()).extracting(Link::personId, Link::prime)
                .containsExactlyInAnyOrder(tuple("mum", true), tuple("dad", false));

        sync(settings(false, false, Set.of(1, 2), 3, false, true, true));
        assertThat(state().links()).extracting(Link::personId, Link::prime)
                .containsExactlyInAnyOrder(tuple("mum", true), tuple("dad", true), tuple("aunt", false));
    }

    @Test
    void rule04ContactDetailsEmailsAtHomeOrWorkMobilesOnlyWhenMobileEachSwitchable() {
        onRoll("s1");
        onRoll("s2");
        parent("home", "home@example.org", EmailLocation.HOME, "07700900001", TelephoneType.MOBILE);
        parent("other", "other@example.org", EmailLocation.OTHER, "01632960001", TelephoneType.HOME);
        link("s1", "home", 1, ParentalResponsibility.YES);
        link("s2", "other", 1, ParentalResponsibility.YES);

        sync(DEFAULTS);
        assertThat(state().details()).extracting(ContactDetail::ownerId, ContactDetail::kind, ContactDetail::value)
                .containsExactlyInAnyOrder(tuple("home", DetailKind.EMAIL, "home@example.org"),
                        tuple("home", DetailKind.MOBILE, "07700900001"));

        sync(settings(false, false, Set.of(1), 1, false, false, true));
        assertThat(state().details()).extracting(ContactDetail::kind).containsExactly(DetailKind.MOBILE);
    }

    @Test
    void rule05InvalidDetailsAreNotImportedAndBecomeDataIssuesNamingMemberContactAndReason() {
        onRoll("s1");
        parent("p1", "not-an-email", EmailLocation.HOME, "0770090000123456", TelephoneType.MOBILE);
        link("s1", "p1", 1, ParentalResponsibility.YES);

        sync(DEFAULTS);

        assertThat(detailsOf("p1")).isEmpty();
        assertThat(state().dataIssues()).extracting(DataIssue::memberId, DataIssue::personId)
                .containsOnly(tuple("s1", "p1"));
        assertThat(state().dataIssues()).hasSize(2).allSatisfy(i -> assertThat(i.reason()).isNotBlank());
    }

    @Test
    void rule06ExceptionsOptedOutStudentsHaveNoContactsAndOptedOutContactsNoDetailsUntilOptIn() {
        onRoll("s1");
        onRoll("s2");
        parent("p1");
        parent("p2");
        link("s1", "p1", 1, ParentalResponsibility.YES);
        link("s2", "p2", 1, ParentalResponsibility.YES);
        directory.preferences().setOptOut(SCHOOL, new OptOut(OptOut.Kind.STUDENT, "s1"), true);
        directory.preferences().setOptOut(SCHOOL, new OptOut(OptOut.Kind.CONTACT, "p2"), true);

        sync(DEFAULTS);
        assertThat(state().links()).extracting(Link::memberId).containsExactly("s2");
        assertThat(detailsOf("p2")).isEmpty();

        directory.preferences().setOptOut(SCHOOL, new OptOut(OptOut.Kind.STUDENT, "s1"), false);
        directory.preferences().setOptOut(SCHOOL, new OptOut(OptOut.Kind.CONTACT, "p2"), false);
        sync(DEFAULTS);
        assertThat(state().links()).extracting(Link::memberId).containsExactlyInAnyOrder("s1", "s2");
        assertThat(detailsOf("p2")).hasSize(2);
    }

    @Test
    void rule07PreserveWhatPeopleOwnWebDetailsHandLinksFourAdultsHandMembersAndCustomGroups() {
        onRoll("s1");
        for (int i = 1; i <= 3; i++) {
            parent("p" + i);
            link("s1", "p" + i, i, ParentalResponsibility.YES);
        }
        ImportSettings all = settings(false, false, Set.of(1), 9, false, true, true);
        sync(all);
        assertThat(state().links()).hasSize(3);
        HandEdits edits = new HandEdits(state());
        directory.edit(SCHOOL, merge(
                new HandEdits(state()).addMember("coach", MemberKind.OTHER, "Carl", "Coach"),
                edits.createGroup("team", "Netball")));
        directory.edit(SCHOOL, new HandEdits(state()).link("s1", new Adult("gran", "Gran", "Web", "Grandparent",
                "gran@example.org", null), 6, false, Origin.WEB));
        directory.edit(SCHOOL, new HandEdits(state()).addToGroup("team", List.of("s1", "coach")));
        DirectoryState handMade = state();
        for (int i = 4; i <= 5; i++) { // the MIS now lists five adults: import fills only the place left
            parent("p" + i);
            link("s1", "p" + i, i, ParentalResponsibility.YES);
        }

        SyncRun again = sync(all);

        assertThat(again.outcome()).isEqualTo(SyncOutcome.SUCCESS);
        DirectoryState after = state();
        assertThat(after.links()).filteredOn(l -> l.memberId().equals("s1")).hasSize(4)
                .extracting(Link::personId).contains("gran").doesNotContain("p4", "p5");
        assertThat(after.members()).contains(handMade.members().stream().filter(m -> m.id().equals("coach")).findFirst().orElseThrow());
        assertThat(after.groups()).extracting(DirectoryGroup::id).contains("team");
        assertThat(after.memberships()).filteredOn(m -> m.groupId().equals("team")).hasSize(2);
        assertThat(detailsOf("gran")).extracting(ContactDetail::origin).containsExactly(Origin.WEB);
    }

    @Test
    void rule08BlockedDetailsAreKeptFlaggedRaisedAndOnlyAnExplicitReenableUnblocks() {
        onRoll("s1");
        parent("p1");
        link("s1", "p1", 1, ParentalResponsibility.YES);
        sync(DEFAULTS);
        for (int i = 0; i < 3; i++) {
            directory.preferences().recordDelivery(SCHOOL, DetailKind.EMAIL, "p1@example.org", DeliveryFeedback.PERMANENT_BOUNCE);
        }

        sync(DEFAULTS);
        assertThat(detailsOf("p1")).filteredOn(d -> d.kind() == DetailKind.EMAIL).singleElement()
                .satisfies(d -> assertThat(d.blocked()).isTrue());
        assertThat(state().dataIssues()).extracting(DataIssue::kind).contains("blocked-detail");

        directory.preferences().reenable(SCHOOL, DetailKind.EMAIL, "p1@example.org", "operator");
        sync(DEFAULTS);
        assertThat(detailsOf("p1")).noneMatch(ContactDetail::blocked);
        assertThat(state().dataIssues()).extracting(DataIssue::kind).doesNotContain("blocked-detail");
    }

    @Test
    void rule09NotifyNewOrChangedDetailsOnePerDetailOffByDefaultHeldBackOnTheFirstImport() {
        onRoll("s1");
        parent("p1");
        link("s1", "p1", 1, ParentalResponsibility.YES);
        NotifyPolicy on = new NotifyPolicy(true, false, announced::addAll);

        sync(DEFAULTS, Set.of(), SyncOptions.normal(), on);
        assertThat(announced).isEmpty();
        contacts.set(0, new Contact("p1", "Parent", "p1", List.of(new Email("new@example.org", EmailLocation.HOME)),
                contacts.get(0).telephones()));
        sync(DEFAULTS, Set.of(), SyncOptions.normal(), on);

        assertThat(announced).containsExactly(new DetailNotification("p1", DetailKind.EMAIL, "new@example.org", Change.CHANGED));
        assertThat(detailsOf("p1")).extracting(ContactDetail::value).contains("new@example.org");
    }

    @Test
    void rule10LeaversAreMarkedOnceTheirLeavingDateHasPassedAndStay() {
        student("s1", Enrolment.onRoll(LocalDate.of(2020, 9, 1), TODAY));
        for (int i = 2; i <= 4; i++) { // one leaver of four is within the deletion threshold's floor (rule 12)
            onRoll("s" + i);
        }
        parent("p1");
        link("s1", "p1", 1, ParentalResponsibility.YES);

        sync(DEFAULTS);
        assertThat(member("s1")).map(Member::state).contains(EnrolmentState.ON_ROLL);

        today = TODAY.plusDays(1);
        sync(DEFAULTS);
        assertThat(member("s1")).map(Member::state).contains(EnrolmentState.LEAVER);
        assertThat(member("s1")).map(Member::leavingDate).contains(TODAY);
        assertThat(state().links()).extracting(Link::personId).containsExactly("p1");
    }

    @Test
    void rule11ScheduleSixElevenThreeAndSixInTheSchoolsZoneFiresTheSync() throws Exception {
        onRoll("s1");
        SyncScheduler scheduler = SchoolHarness.newScheduler();
        try {
            SyncSchedule schedule = SyncSchedule.parse(SyncSchedule.DEFAULT, LONDON);
            scheduler.schedule(SCHOOL, schedule, firing -> sync(DEFAULTS));
            Instant next = scheduler.nextRun(SCHOOL).orElseThrow();
            assertThat(next.atZone(LONDON).toLocalTime().toString()).isIn("06:00", "11:00", "15:00", "18:00");

            scheduler.fireNow(SCHOOL);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> directory.lastRun(SCHOOL).isPresent());
            assertThat(member("s1")).isPresent();
        } finally {
            scheduler.stop();
        }
    }

    @Test
    void rule12DeletionThresholdRefusesAMassRemovalWholeWithADataIssueAndForceApprovesOnce() {
        for (int i = 0; i < 40; i++) {
            onRoll("s" + i);
        }
        sync(DEFAULTS);
        DirectoryState before = state();
        students.subList(8, students.size()).clear(); // a fifth of the roll: a tenth or less would be a near-empty read

        SyncRun refused = sync(DEFAULTS);
        assertThat(refused.outcome()).isEqualTo(SyncOutcome.REFUSED);
        assertThat(state().members()).isEqualTo(before.members());
        assertThat(state().dataIssues()).extracting(DataIssue::kind).contains("deletion-threshold");

        SyncRun forced = sync(DEFAULTS, Set.of(), new SyncOptions(false, true), NotifyPolicy.OFF);
        assertThat(forced.outcome()).isEqualTo(SyncOutcome.SUCCESS);
        assertThat(state().members()).filteredOn(m -> m.state() == EnrolmentState.LEAVER).hasSize(32);

        students.clear();
        assertThat(sync(DEFAULTS).outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(state().members()).filteredOn(m -> m.state() == EnrolmentState.ON_ROLL).hasSize(8);
    }

    @Test
    void rule13PauseOnePartLeavesItAsItWasWhileTheRestSyncsAndPausingAllSyncsNothing() {
        onRoll("s1");
        parent("p1");
        link("s1", "p1", 1, ParentalResponsibility.YES);
        sync(DEFAULTS);
        contacts.set(0, new Contact("p1", "Parent", "p1", List.of(new Email("changed@example.org", EmailLocation.HOME)),
                List.of()));
        onRoll("s2");

        sync(DEFAULTS, Set.of(Pause.CONTACTS), SyncOptions.normal(), NotifyPolicy.OFF);
        assertThat(member("s2")).isPresent();
        assertThat(detailsOf("p1")).extracting(ContactDetail::value).contains("p1@example.org");

        onRoll("s3");
        SyncRun paused = sync(DEFAULTS, Set.of(Pause.ALL), SyncOptions.normal(), NotifyPolicy.OFF);
        assertThat(paused.outcome()).isEqualTo(SyncOutcome.PAUSED);
        assertThat(member("s3")).isEmpty();
    }

    @Test
    void rule14AllOrNothingABrokenReadChangesNothingAndTheSameDataTwiceChangesNothing() {
        onRoll("s1");
        parent("p1");
        link("s1", "p1", 1, ParentalResponsibility.YES);
        sync(DEFAULTS);
        DirectoryState before = state();

        onRoll("s2");
        failures.add(new ReadFailure(Area.CONTACTS, "contacts endpoint returned 503"));
        SyncRun broken = sync(DEFAULTS);
        assertThat(broken.outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(state()).isEqualTo(before);

        failures.clear();
        sync(DEFAULTS);
        SyncRun twice = sync(DEFAULTS);
        assertThat(List.of(twice.created(), twice.updated(), twice.removed())).containsOnly(0);
        assertThat(member("s2")).isPresent();
    }

    @Test
    void rule15StatisticsStudentsReachableThroughAPrimeParentBlockedDetailsAndIssuesByKind() {
        onRoll("s1");
        onRoll("s2");
        onRoll("s3");
        parent("p1");
        parent("p2", "bad-address", EmailLocation.HOME, "07700900222", TelephoneType.MOBILE);
        link("s1", "p1", 1, ParentalResponsibility.YES);
        link("s2", "p2", 1, ParentalResponsibility.YES);
        sync(DEFAULTS);
        for (int i = 0; i < 3; i++) {
            directory.preferences().recordDelivery(SCHOOL, DetailKind.MOBILE, "07700900222", DeliveryFeedback.FAILED_TEXT);
        }

        SchoolStatistics stats = SchoolStatistics.of(state());

        assertThat(stats.studentsOnRoll()).isEqualTo(3);
        assertThat(stats.reachableByEmail()).isEqualTo(1);
        assertThat(stats.reachableByMobile()).isEqualTo(1);
        assertThat(stats.blockedDetails()).isEqualTo(1);
        assertThat(stats.dataIssuesByKind()).containsKeys("invalid-email", "blocked-detail");
    }

    private static ChangeSet merge(ChangeSet a, ChangeSet b) {
        return new ChangeSet(both(a.members(), b.members()), both(a.people(), b.people()), both(a.links(), b.links()),
                both(a.details(), b.details()), both(a.groups(), b.groups()), both(a.memberships(), b.memberships()),
                List.of());
    }

    private static <T extends org.misbridge.api.directory.Keyed> Changes<T> both(Changes<T> a, Changes<T> b) {
        List<T> created = new ArrayList<>(a.created());
        created.addAll(b.created());
        List<T> updated = new ArrayList<>(a.updated());
        updated.addAll(b.updated());
        List<T> removed = new ArrayList<>(a.removed());
        removed.addAll(b.removed());
        return new Changes<>(created, updated, removed);
    }
}
