package org.misbridge.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.misbridge.api.AuditTrail;
import org.misbridge.api.ContactPreferences;
import org.misbridge.api.DeletionQueue;
import org.misbridge.api.Outbox;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.Changes;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DataIssue;
import org.misbridge.api.directory.DetailKind;
import org.misbridge.api.directory.DirectoryGroup;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.DeliveryFeedback;
import org.misbridge.api.directory.OptOut;
import org.misbridge.api.directory.GroupMembership;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.directory.SchoolCounts;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.model.ApplicationStatus;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.api.model.GroupKind;
import org.misbridge.api.model.ParentalResponsibility;

/** The behaviour every database must give {@link JdbcDirectory}; subclasses supply the DataSource. */
abstract class DirectoryContractTest
        implements LifecycleContract, CanonicalMobilesContract, AuditedChangesContract, DigestsContract,
        ChangeLogContract {

    private static final Instant T0 = Instant.parse("2026-09-01T07:30:00Z");

    protected JdbcDirectory directory;
    protected Outbox feeds;
    protected ContactPreferences preferences;
    protected AuditTrail trail;
    protected DeletionQueue deletions;
    protected String schoolA;
    protected String schoolB;

    /** A DataSource on a database the migrations may run in; shared across tests is fine. */
    protected abstract DataSource dataSource();

    @BeforeEach
    void migrate() {
        directory = new JdbcDirectory(dataSource());
        directory.migrate();
        feeds = directory.outbox();
        preferences = directory.preferences();
        trail = directory.auditTrail();
        deletions = directory.deletions();
        // unique per test, so tests sharing one database never see each other's rows
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        schoolA = "school-a-" + suffix;
        schoolB = "school-b-" + suffix;
    }

    @Override
    public JdbcDirectory store() {
        return directory;
    }

    @Override
    public String school() {
        return schoolA;
    }

    @Override
    public String otherSchool() {
        return schoolB;
    }

    @Override
    public DataSource database() {
        return dataSource();
    }

    // --- fixtures

    static Member student(String id, EnrolmentState state) {
        return new Member(id, MemberKind.STUDENT, "Given " + id, "Family " + id, "Year 7", "7R", state,
                state == EnrolmentState.PRE_ADMISSION ? ApplicationStatus.OFFERED : null,
                LocalDate.of(2025, 9, 3), state == EnrolmentState.LEAVER ? LocalDate.of(2026, 7, 20) : null,
                Origin.IMPORT);
    }

    static Member staff(String id, EnrolmentState state) {
        return new Member(id, MemberKind.STAFF, "Staff", id, null, null, state, null, null, null, Origin.IMPORT);
    }

    static LinkedPerson person(String id) {
        return new LinkedPerson(id, "Parent", "Of " + id, Origin.IMPORT);
    }

    static Link link(String memberId, String personId, int priority, boolean prime) {
        return new Link(memberId, personId, priority, prime, priority == 1 ? "Mother" : null,
                ParentalResponsibility.YES, Origin.IMPORT);
    }

    static ContactDetail email(String ownerId) {
        return new ContactDetail(ownerId, DetailKind.EMAIL, ownerId + "@example.org", false, Origin.IMPORT);
    }

    static ContactDetail mobile(String ownerId, boolean blocked) {
        return new ContactDetail(ownerId, DetailKind.MOBILE, "+4477009000" + ownerId.length(), blocked, Origin.MANUAL);
    }

    static DirectoryGroup group(String id) {
        return new DirectoryGroup(id, "Group " + id, GroupKind.CLASS, true, Origin.IMPORT);
    }

    static SyncRun run(int minutes, SyncOutcome outcome) {
        return new SyncRun(T0.plusSeconds(60L * minutes), T0.plusSeconds(60L * minutes + 42), outcome, 1, 2, 3,
                outcome == SyncOutcome.SUCCESS ? null : "why " + minutes);
    }

    static <T extends org.misbridge.api.directory.Keyed> Changes<T> created(List<T> rows) {
        return new Changes<>(rows, List.of(), List.of());
    }

    /** A directory with one of every kind of row, nullable columns both filled and empty. */
    static ChangeSet fullCreate() {
        return new ChangeSet(
                created(List.of(student("s1", EnrolmentState.ON_ROLL), student("s2", EnrolmentState.PRE_ADMISSION),
                        student("s3", EnrolmentState.LEAVER), staff("t1", EnrolmentState.ON_ROLL))),
                created(List.of(person("p1"), person("p2"))),
                created(List.of(link("s1", "p1", 1, true), link("s1", "p2", 2, false), link("s2", "p1", 1, true))),
                created(List.of(email("p1"), mobile("p1", true), email("t1"))),
                created(List.of(group("g1"), new DirectoryGroup("g2", "Custom", GroupKind.OTHER, false, Origin.WEB))),
                created(List.of(new GroupMembership("g1", "s1"), new GroupMembership("g1", "s2"),
                        new GroupMembership("g2", "t1"))),
                List.of(new DataIssue("INVALID_EMAIL", "s1", "p2", "email", "not an address"),
                        new DataIssue("NO_CONTACT", "s3", null, null, "no priority-one contact")));
    }

    static ChangeSet none(List<DataIssue> issues) {
        return new ChangeSet(Changes.none(), Changes.none(), Changes.none(), Changes.none(), Changes.none(),
                Changes.none(), issues);
    }

    static DirectoryState stateOf(String school, ChangeSet created) {
        return new DirectoryState(school, created.members().created(), created.people().created(),
                created.links().created(), created.details().created(), created.groups().created(),
                created.memberships().created(), created.dataIssues());
    }

    static void assertSameRows(DirectoryState actual, DirectoryState expected) {
        assertThat(actual.schoolId()).isEqualTo(expected.schoolId());
        assertThat(actual.members()).containsExactlyInAnyOrderElementsOf(expected.members());
        assertThat(actual.people()).containsExactlyInAnyOrderElementsOf(expected.people());
        assertThat(actual.links()).containsExactlyInAnyOrderElementsOf(expected.links());
        assertThat(actual.details()).containsExactlyInAnyOrderElementsOf(expected.details());
        assertThat(actual.groups()).containsExactlyInAnyOrderElementsOf(expected.groups());
        assertThat(actual.memberships()).containsExactlyInAnyOrderElementsOf(expected.memberships());
        assertThat(actual.dataIssues()).containsExactlyElementsOf(expected.dataIssues());
    }

    // --- behaviour

    @Test
    void migratingTwiceIsANoOp() throws SQLException {
        assertThat(directory.migrate()).isEqualTo(Migrations.latest());
        assertThat(directory.migrate()).isEqualTo(Migrations.latest());
        try (Connection c = dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT version, description FROM misbridge_schema_version")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getInt(1) + ":" + rs.getString(2));
            }
            assertThat(rows).containsExactlyInAnyOrder("1:directory", "2:opt_outs", "3:delivery_feedback", "4:outbox", "5:audit", "6:deletion", "7:lifecycle",
                    "10:canonical_mobiles", "11:family_digests", "12:sync_run_host", "13:change_log", "14:sync_token");
        }
    }

    /**
     * Enough rows that PostgreSQL takes the COPY path (H2 the batches), with values COPY's text format
     * must escape: what is loaded back equals what was written, on both stores.
     */
    @Test
    void aLargeCreateWithAwkwardValuesReadsBackExactly() {
        int n = PgCopy.MIN_ROWS + 7;
        String[] awkward = {"tab\there", "new\nline", "carriage\rreturn", "back\\slash \\N", "\\N", "Zoë Ó'Brien “quoted”",
            "emoji \uD83D\uDE00", "comma, and \"quote\"", " spaced ", "\\.", "", "ends with\\", "\t\n\r\\ in a row"};
        List<Member> members = new ArrayList<>();
        List<LinkedPerson> people = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        List<ContactDetail> details = new ArrayList<>();
        List<GroupMembership> memberships = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String odd = awkward[i % awkward.length];
            String id = "m" + i + (i % 5 == 0 ? "\t" + i : "");
            EnrolmentState state = EnrolmentState.values()[i % EnrolmentState.values().length];
            members.add(new Member(id, i % 9 == 0 ? MemberKind.STAFF : MemberKind.STUDENT, odd, "Family" + odd,
                    i % 3 == 0 ? null : "Year " + (i % 13), i % 4 == 0 ? null : odd,
                    state, state == EnrolmentState.PRE_ADMISSION ? ApplicationStatus.OFFERED : null,
                    i % 2 == 0 ? null : LocalDate.of(2020 + i % 7, 1 + i % 12, 1 + i % 28),
                    i % 6 == 0 ? LocalDate.of(2026, 7, 20) : null, i % 11 == 0 ? Origin.MANUAL : Origin.IMPORT));
            String person = "p" + i;
            people.add(new LinkedPerson(person, odd, "Parent " + odd, Origin.IMPORT));
            links.add(new Link(id, person, 1 + i % 4, i % 2 == 0, i % 3 == 0 ? null : odd,
                    ParentalResponsibility.values()[i % ParentalResponsibility.values().length], Origin.IMPORT));
            details.add(new ContactDetail(person, DetailKind.EMAIL, person + odd + "@example.org", i % 10 == 0, Origin.IMPORT));
            memberships.add(new GroupMembership("g1", id));
        }
        ChangeSet large = new ChangeSet(created(members), created(people), created(links), created(details),
                created(List.of(group("g1"))), created(memberships), List.of());

        directory.apply(schoolA, large, run(0, SyncOutcome.SUCCESS));

        assertSameRows(directory.load(schoolA), stateOf(schoolA, large));
        assertThat(directory.load(schoolB).members()).as("another school's rows").isEmpty();
    }

    @Test
    void optOutsRoundTripAndOptingInRemovesThem() {
        OptOut student = new OptOut(OptOut.Kind.STUDENT, "st-1");
        OptOut contact = new OptOut(OptOut.Kind.CONTACT, "c-9");

        assertThat(preferences.setOptOut(schoolA, student, true)).isTrue();
        assertThat(preferences.setOptOut(schoolA, student, true)).as("already opted out").isFalse();
        assertThat(preferences.setOptOut(schoolA, contact, true)).isTrue();
        assertThat(preferences.optOuts(schoolA)).containsExactlyInAnyOrder(student, contact);

        assertThat(preferences.setOptOut(schoolA, student, false)).isTrue();
        assertThat(preferences.setOptOut(schoolA, student, false)).as("already opted in").isFalse();
        assertThat(preferences.optOuts(schoolA)).containsExactly(contact);
    }

    @Test
    void oneSchoolsOptOutsAreNeverAnothersAndCannotBeChangedByIt() {
        OptOut student = new OptOut(OptOut.Kind.STUDENT, "st-1");
        preferences.setOptOut(schoolA, student, true);

        assertThat(preferences.optOuts(schoolB)).isEmpty();
        assertThat(preferences.setOptOut(schoolB, student, false)).isFalse();
        assertThat(preferences.optOuts(schoolA)).containsExactly(student);
    }

    private void storeEmail(String school, String owner, String email) {
        ContactDetail detail = new ContactDetail(owner, DetailKind.EMAIL, email, false, Origin.IMPORT);
        directory.apply(school, new ChangeSet(Changes.none(), Changes.none(), Changes.none(),
                new Changes<>(List.of(detail), List.of(), List.of()), Changes.none(), Changes.none(), List.of()),
                run(0, SyncOutcome.SUCCESS));
    }

    private boolean blocked(String school, String email) {
        return directory.load(school).details().stream().filter(d -> d.value().equals(email)).allMatch(ContactDetail::blocked);
    }

    @Test
    void threePermanentBouncesBlockTheEmailAndRaiseADataIssue() {
        storeEmail(schoolA, "p1", "ann@example.org");

        assertThat(preferences.recordDelivery(schoolA, DetailKind.EMAIL, "ann@example.org", DeliveryFeedback.PERMANENT_BOUNCE)).isZero();
        assertThat(preferences.recordDelivery(schoolA, DetailKind.EMAIL, "ann@example.org", DeliveryFeedback.PERMANENT_BOUNCE)).isZero();
        assertThat(blocked(schoolA, "ann@example.org")).isFalse();
        assertThat(preferences.recordDelivery(schoolA, DetailKind.EMAIL, "ann@example.org", DeliveryFeedback.PERMANENT_BOUNCE)).isEqualTo(1);

        assertThat(blocked(schoolA, "ann@example.org")).isTrue();
        assertThat(directory.dataIssues(schoolA)).containsExactly(DataIssue.blockedDetail(null, "p1", DetailKind.EMAIL,
                "ann@example.org", java.util.Set.of(DeliveryFeedback.PERMANENT_BOUNCE)));
        assertThat(preferences.deliveryBlocks(schoolA)).containsExactly(new org.misbridge.api.directory.DeliveryBlock(
                DetailKind.EMAIL, "ann@example.org", java.util.Set.of(DeliveryFeedback.PERMANENT_BOUNCE)));
    }

    @Test
    void aBlockedValueIsKeptWithEveryFeedbackThatReachedItsLimitUntilReenabled() {
        storeEmail(schoolA, "p1", "ann@example.org");
        preferences.recordDelivery(schoolA, DetailKind.EMAIL, "ann@example.org", DeliveryFeedback.PERMANENT_BOUNCE);
        preferences.recordDelivery(schoolA, DetailKind.MOBILE, "07700900001", DeliveryFeedback.FAILED_TEXT);
        assertThat(preferences.deliveryBlocks(schoolA)).as("under their limits").isEmpty();

        preferences.recordDelivery(schoolA, DetailKind.EMAIL, "ann@example.org", DeliveryFeedback.SPAM_COMPLAINT);
        for (int i = 0; i < 2; i++) {
            preferences.recordDelivery(schoolA, DetailKind.EMAIL, "ann@example.org", DeliveryFeedback.PERMANENT_BOUNCE);
        }
        assertThat(preferences.deliveryBlocks(schoolA)).containsExactly(new org.misbridge.api.directory.DeliveryBlock(
                DetailKind.EMAIL, "ann@example.org", java.util.Set.of(DeliveryFeedback.SPAM_COMPLAINT,
                        DeliveryFeedback.PERMANENT_BOUNCE)));
        assertThat(preferences.deliveryBlocks(schoolB)).isEmpty();

        preferences.reenable(schoolA, DetailKind.EMAIL, "ann@example.org", "admin");
        assertThat(preferences.deliveryBlocks(schoolA)).isEmpty();
        assertThat(directory.dataIssues(schoolA)).isEmpty();
    }

    @Test
    void aBlockedDetailIssueNamesTheStudentTheOwnerIsLinkedTo() {
        Member student = new Member("s9", MemberKind.STUDENT, "Sam", "Nine", "7", "7A", EnrolmentState.ON_ROLL, null, null,
                null, Origin.IMPORT);
        LinkedPerson parent = new LinkedPerson("p1", "Ann", "One", Origin.IMPORT);
        Link link = new Link("s9", "p1", 1, true, "Mum", ParentalResponsibility.YES, Origin.IMPORT);
        ContactDetail detail = new ContactDetail("p1", DetailKind.MOBILE, "07700900001", false, Origin.IMPORT);
        directory.apply(schoolA, new ChangeSet(created(List.of(student)), created(List.of(parent)), created(List.of(link)),
                created(List.of(detail)), Changes.none(), Changes.none(), List.of()), run(0, SyncOutcome.SUCCESS));

        for (int i = 0; i < 3; i++) {
            preferences.recordDelivery(schoolA, DetailKind.MOBILE, "07700900001", DeliveryFeedback.FAILED_TEXT);
        }

        assertThat(directory.dataIssues(schoolA)).containsExactly(DataIssue.blockedDetail("s9", "p1", DetailKind.MOBILE,
                "07700900001", java.util.Set.of(DeliveryFeedback.FAILED_TEXT)));
    }

    @Test
    void aRunMessageOrIssueWithControlCharactersOrOverItsColumnIsStoredEscapedAndCut() {
        String hostile = "row 3: '\u0000\u202E" + "x".repeat(5000) + "'";
        directory.recordRun(schoolA, new SyncRun(T0, T0, SyncOutcome.FAILED, 0, 0, 0, hostile));
        assertThat(directory.lastRun(schoolA).map(SyncRun::message).orElseThrow()).hasSize(4000)
                .startsWith("row 3: '\\u0000\\u202Exxx").endsWith("…");

        directory.apply(schoolA, none(List.of(new DataIssue("invalid-text", "s1", null, "given name", hostile))),
                run(1, SyncOutcome.SUCCESS));
        DataIssue stored = directory.dataIssues(schoolA).get(0);
        assertThat(stored.reason()).hasSize(2000).startsWith("row 3: '\\u0000\\u202Exxx").endsWith("…");
    }

    @Test
    void thousandsOfDataIssuesAreStoredInTheirOrderWithTheirText() {
        // more than a COPY's worth on PostgreSQL (PgCopy.MIN_ROWS), with text COPY must escape: backslashes, a tab
        List<DataIssue> issues = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            issues.add(new DataIssue("invalid-email", "s" + i, i % 2 == 0 ? null : "p" + i, "email",
                    "'a\\b@x' is not an address; café ✓ " + i));
        }
        issues.add(new DataIssue("invalid-text", "s1", null, "given name", "tab\there \\N"));
        directory.apply(schoolA, none(issues), run(1, SyncOutcome.SUCCESS));

        List<DataIssue> stored = directory.dataIssues(schoolA);
        assertThat(stored).hasSize(2501);
        assertThat(stored.get(0)).isEqualTo(new DataIssue("invalid-email", "s0", null, "email",
                "'a\\b@x' is not an address; café ✓ 0"));
        assertThat(stored.get(1999)).isEqualTo(new DataIssue("invalid-email", "s1999", "p1999", "email",
                "'a\\b@x' is not an address; café ✓ 1999"));
        // the store escapes a tab as the two characters \t; a backslash and N stay two characters, not null
        assertThat(stored.get(2500)).isEqualTo(new DataIssue("invalid-text", "s1", null, "given name", "tab\\there \\N"));
        assertThat(directory.dataIssues(schoolB)).isEmpty();
    }

    @Test
    void oneSpamComplaintBlocksAtOnceAndReenableRestoresTheDetail() {
        storeEmail(schoolA, "p1", "ann@example.org");

        assertThat(preferences.recordDelivery(schoolA, DetailKind.EMAIL, "ann@example.org", DeliveryFeedback.SPAM_COMPLAINT)).isEqualTo(1);
        assertThat(preferences.reenable(schoolA, DetailKind.EMAIL, "ann@example.org", "admin")).isEqualTo(1);

        assertThat(blocked(schoolA, "ann@example.org")).isFalse();
        assertThat(directory.dataIssues(schoolA)).isEmpty();
        assertThat(preferences.recordDelivery(schoolA, DetailKind.EMAIL, "ann@example.org", DeliveryFeedback.PERMANENT_BOUNCE))
                .as("feedback was forgotten on re-enable").isZero();
    }

    @Test
    void feedbackAboutOneSchoolsDetailNeverBlocksAnothers() {
        storeEmail(schoolA, "p1", "ann@example.org");
        storeEmail(schoolB, "p7", "ann@example.org");

        preferences.recordDelivery(schoolA, DetailKind.EMAIL, "ann@example.org", DeliveryFeedback.SPAM_COMPLAINT);

        assertThat(blocked(schoolA, "ann@example.org")).isTrue();
        assertThat(blocked(schoolB, "ann@example.org")).isFalse();
        assertThat(directory.dataIssues(schoolB)).isEmpty();
    }

    @Test
    void aSchoolNeverSyncedLoadsEmpty() {
        assertThat(directory.load(schoolA)).isEqualTo(DirectoryState.empty(schoolA));
        assertThat(directory.lastRun(schoolA)).isEmpty();
        assertThat(directory.counts(schoolA)).isEqualTo(new SchoolCounts(0, 0, 0, 0, 0, 0, 0, 0));
        assertThat(directory.dataIssues(schoolA)).isEmpty();
    }

    @Test
    void applyThenLoadRoundTripsEveryKindOfRow() {
        ChangeSet changes = fullCreate();
        directory.apply(schoolA, changes, run(0, SyncOutcome.SUCCESS));

        DirectoryState loaded = directory.load(schoolA);
        assertSameRows(loaded, stateOf(schoolA, changes));
        assertThat(directory.dataIssues(schoolA)).containsExactlyElementsOf(changes.dataIssues());
        assertThat(directory.lastRun(schoolA)).contains(run(0, SyncOutcome.SUCCESS));
    }

    @Test
    void aStaffMemberAndALinkedAdultWithOneIdAndOneSetOfDetailsRoundTrip() {
        // a teacher who is also a parent (OneRoster 1.2 secondary role): one id in dir_member and dir_person,
        // the details keyed by that owner id once
        ChangeSet changes = new ChangeSet(
                created(List.of(staff("tp", EnrolmentState.ON_ROLL), student("s1", EnrolmentState.ON_ROLL))),
                created(List.of(person("tp"))),
                created(List.of(link("s1", "tp", 1, true))),
                created(List.of(email("tp"), mobile("tp", false))),
                Changes.none(), Changes.none(), List.of());
        directory.apply(schoolA, changes, run(0, SyncOutcome.SUCCESS));

        assertSameRows(directory.load(schoolA), stateOf(schoolA, changes));
    }

    @Test
    void anUpdateChangesOnlyThatRow() {
        ChangeSet changes = fullCreate();
        directory.apply(schoolA, changes, run(0, SyncOutcome.SUCCESS));

        Member left = student("s1", EnrolmentState.ON_ROLL).withState(EnrolmentState.LEAVER, LocalDate.of(2026, 12, 18));
        ContactDetail unblocked = new ContactDetail("p1", DetailKind.MOBILE, mobile("p1", true).value(), false,
                Origin.WEB);
        Link demoted = link("s1", "p1", 3, false);
        DirectoryGroup renamed = new DirectoryGroup("g1", "Renamed", GroupKind.YEAR, false, Origin.MANUAL);
        LinkedPerson renamedPerson = new LinkedPerson("p2", "New", "Name", Origin.WEB);
        directory.apply(schoolA, new ChangeSet(
                new Changes<>(List.of(), List.of(left), List.of()),
                new Changes<>(List.of(), List.of(renamedPerson), List.of()),
                new Changes<>(List.of(), List.of(demoted), List.of()),
                new Changes<>(List.of(), List.of(unblocked), List.of()),
                new Changes<>(List.of(), List.of(renamed), List.of()),
                Changes.none(),
                changes.dataIssues()), run(1, SyncOutcome.SUCCESS));

        DirectoryState before = stateOf(schoolA, changes);
        DirectoryState expected = new DirectoryState(schoolA,
                replace(before.members(), left, m -> m.id().equals("s1")),
                replace(before.people(), renamedPerson, p -> p.id().equals("p2")),
                replace(before.links(), demoted, l -> l.key().equals(demoted.key())),
                replace(before.details(), unblocked, d -> d.key().equals(unblocked.key())),
                replace(before.groups(), renamed, g -> g.id().equals("g1")),
                before.memberships(), before.dataIssues());
        assertSameRows(directory.load(schoolA), expected);
    }

    @Test
    void anUpdateOfAMissingRowFailsAndRollsBack() {
        directory.apply(schoolA, fullCreate(), run(0, SyncOutcome.SUCCESS));
        DirectoryState before = directory.load(schoolA);

        ChangeSet stale = new ChangeSet(
                new Changes<>(List.of(student("s9", EnrolmentState.ON_ROLL)),
                        List.of(student("nobody", EnrolmentState.ON_ROLL)), List.of()),
                Changes.none(), Changes.none(), Changes.none(), Changes.none(), Changes.none(), List.of());

        assertThatThrownBy(() -> directory.apply(schoolA, stale, run(1, SyncOutcome.SUCCESS)))
                .isInstanceOf(DirectoryException.class)
                .hasMessageContaining("dir_member")
                .hasMessageContaining("update");
        assertThat(directory.load(schoolA)).isEqualTo(before);
        assertThat(directory.lastRun(schoolA)).contains(run(0, SyncOutcome.SUCCESS));
    }

    @Test
    void removedRowsGo() {
        ChangeSet changes = fullCreate();
        directory.apply(schoolA, changes, run(0, SyncOutcome.SUCCESS));

        directory.apply(schoolA, new ChangeSet(
                new Changes<>(List.of(), List.of(), List.of(student("s2", EnrolmentState.PRE_ADMISSION))),
                new Changes<>(List.of(), List.of(), List.of(person("p2"))),
                new Changes<>(List.of(), List.of(), List.of(link("s1", "p2", 2, false), link("s2", "p1", 1, true))),
                new Changes<>(List.of(), List.of(), List.of(email("t1"))),
                new Changes<>(List.of(), List.of(), List.of(group("g2"))),
                new Changes<>(List.of(), List.of(),
                        List.of(new GroupMembership("g1", "s2"), new GroupMembership("g2", "t1"))),
                changes.dataIssues()), run(1, SyncOutcome.SUCCESS));

        DirectoryState loaded = directory.load(schoolA);
        assertThat(loaded.members()).extracting(Member::id).containsExactlyInAnyOrder("s1", "s3", "t1");
        assertThat(loaded.people()).extracting(LinkedPerson::id).containsExactly("p1");
        assertThat(loaded.links()).containsExactly(link("s1", "p1", 1, true));
        assertThat(loaded.details()).containsExactlyInAnyOrder(email("p1"), mobile("p1", true));
        assertThat(loaded.groups()).extracting(DirectoryGroup::id).containsExactly("g1");
        assertThat(loaded.memberships()).containsExactly(new GroupMembership("g1", "s1"));
    }

    @Test
    void aFailingApplyRollsBackEverything() {
        directory.apply(schoolA, fullCreate(), run(0, SyncOutcome.SUCCESS));
        DirectoryState before = directory.load(schoolA);
        SchoolCounts countsBefore = directory.counts(schoolA);

        // the removals and the new person would succeed; the duplicate member cannot
        ChangeSet failing = new ChangeSet(
                new Changes<>(List.of(student("s7", EnrolmentState.ON_ROLL), student("s7", EnrolmentState.ON_ROLL)),
                        List.of(staff("t1", EnrolmentState.LEAVER)), List.of(student("s3", EnrolmentState.LEAVER))),
                new Changes<>(List.of(person("p9")), List.of(), List.of()),
                new Changes<>(List.of(), List.of(), List.of(link("s1", "p1", 1, true))),
                Changes.none(), Changes.none(), Changes.none(),
                List.of(new DataIssue("OTHER", null, null, null, "replaced")));

        assertThatThrownBy(() -> directory.apply(schoolA, failing, run(1, SyncOutcome.SUCCESS)))
                .isInstanceOf(DirectoryException.class)
                .hasMessageContaining("insert on dir_member");

        assertThat(directory.load(schoolA)).isEqualTo(before);
        assertThat(directory.counts(schoolA)).isEqualTo(countsBefore);
        assertThat(directory.lastRun(schoolA)).contains(run(0, SyncOutcome.SUCCESS));
    }

    @Test
    void oneSchoolNeverSeesOrChangesAnothersRows() {
        ChangeSet changes = fullCreate();
        directory.apply(schoolA, changes, run(0, SyncOutcome.SUCCESS));
        // school B uses the very same ids: keys are per school
        directory.apply(schoolB, changes, run(5, SyncOutcome.SUCCESS));
        directory.apply(schoolB, new ChangeSet(
                new Changes<>(List.of(), List.of(staff("t1", EnrolmentState.LEAVER)),
                        List.of(student("s1", EnrolmentState.ON_ROLL))),
                Changes.none(), Changes.none(), Changes.none(),
                new Changes<>(List.of(), List.of(), List.of(group("g1"))), Changes.none(),
                List.of()), run(6, SyncOutcome.SUCCESS));
        directory.recordRun(schoolB, run(7, SyncOutcome.FAILED));

        assertSameRows(directory.load(schoolA), stateOf(schoolA, changes));
        assertThat(directory.dataIssues(schoolA)).hasSize(2);
        assertThat(directory.lastRun(schoolA)).contains(run(0, SyncOutcome.SUCCESS));
        assertThat(directory.counts(schoolA).students()).isEqualTo(1);

        DirectoryState b = directory.load(schoolB);
        assertThat(b.schoolId()).isEqualTo(schoolB);
        assertThat(b.members()).extracting(Member::id).containsExactlyInAnyOrder("s2", "s3", "t1");
        assertThat(b.groups()).extracting(DirectoryGroup::id).containsExactly("g2");
        assertThat(b.dataIssues()).isEmpty();
        assertThat(directory.lastRun(schoolB)).contains(run(7, SyncOutcome.FAILED));
        assertThat(directory.load("school-c")).isEqualTo(DirectoryState.empty("school-c"));
    }

    @Test
    void countsMatchAHandBuiltDirectory() {
        ChangeSet changes = new ChangeSet(
                created(List.of(student("s1", EnrolmentState.ON_ROLL), student("s2", EnrolmentState.ON_ROLL),
                        student("s3", EnrolmentState.PRE_ADMISSION), student("s4", EnrolmentState.LEAVER),
                        staff("t1", EnrolmentState.ON_ROLL), staff("t2", EnrolmentState.ON_ROLL),
                        staff("t3", EnrolmentState.LEAVER))),
                created(List.of(person("p1"), person("p2"), person("p3"))),
                // p1 is prime for two students but counts once
                created(List.of(link("s1", "p1", 1, true), link("s2", "p1", 1, true), link("s2", "p2", 2, false),
                        link("s3", "p3", 1, true))),
                created(List.of(email("p1"))),
                created(List.of(group("g1"), group("g2"), group("g3"), group("g4"))),
                created(List.of(new GroupMembership("g1", "s1"))),
                List.of(new DataIssue("A", null, null, null, "one"), new DataIssue("B", "s1", null, null, "two"),
                        new DataIssue("C", null, "p1", "email", "three")));
        directory.apply(schoolA, changes, run(0, SyncOutcome.SUCCESS));
        directory.apply(schoolB, changes, run(0, SyncOutcome.SUCCESS));

        // students 2, staff 2, pre-admissions 1, leavers 2 (a student and a staff member), contacts 3,
        // prime parents 2, groups 4, data issues 3
        assertThat(directory.counts(schoolA)).isEqualTo(new SchoolCounts(2, 2, 1, 2, 3, 2, 4, 3));
    }

    @Test
    void lastRunIsTheNewest() {
        directory.recordRun(schoolA, run(0, SyncOutcome.FAILED));
        directory.apply(schoolA, none(List.of()), run(10, SyncOutcome.SUCCESS));
        directory.recordRun(schoolA, run(20, SyncOutcome.REFUSED));
        assertThat(directory.lastRun(schoolA)).contains(run(20, SyncOutcome.REFUSED));

        // newest by run number, not by the clock a host happened to have
        directory.recordRun(schoolA, run(-100, SyncOutcome.SUCCESS));
        assertThat(directory.lastRun(schoolA)).contains(run(-100, SyncOutcome.SUCCESS));
    }

    @Test
    void aRunKeepsTheHostThatRanItAndTheFiringItWasFor() {
        Instant firing = T0.plusSeconds(3600);
        SyncRun scheduled = new SyncRun(firing.plusMillis(40), firing.plusSeconds(2), SyncOutcome.SUCCESS, 1, 0, 0,
                null, "host-b", firing);
        directory.apply(schoolA, none(List.of()), scheduled);
        assertThat(directory.lastRun(schoolA)).contains(scheduled);

        SyncRun typed = new SyncRun(firing.plusSeconds(30), firing.plusSeconds(31), SyncOutcome.FAILED, 0, 0, 0,
                "why", "host-a", null);
        directory.recordRun(schoolA, typed);
        assertThat(directory.lastRun(schoolA)).contains(typed);
        assertThat(directory.lastGoodRun(schoolA)).contains(scheduled);
    }

    /**
     * A directory that went through the old V9 (which added the two sync-run columns along with
     * Quartz's tables, now the scheduler's) takes V12 without a change: its runs keep host and firing.
     * (The test that Quartz's tables exist moved to the scheduler bundle, SchedulerSchemaTest.)
     */
    @Test
    void aDirectoryMigratedByTheOldV9TakesV12Untouched() throws SQLException {
        Instant firing = T0.plusSeconds(600);
        SyncRun scheduled = new SyncRun(firing, firing.plusSeconds(1), SyncOutcome.SUCCESS, 0, 0, 0, null, "host-a", firing);
        directory.recordRun(schoolA, scheduled);
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM " + Migrations.VERSION_TABLE + " WHERE version = 12");
            st.executeUpdate("INSERT INTO " + Migrations.VERSION_TABLE + " (version, description, applied_at)"
                    + " VALUES (9, 'cluster', CURRENT_TIMESTAMP)");
        }
        try {
            assertThat(directory.migrate()).isEqualTo(Migrations.latest());
            assertThat(directory.lastRun(schoolA)).contains(scheduled);
        } finally {
            // PostgreSQL keeps one schema for the class: the next test sees the versions a new directory has
            try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM " + Migrations.VERSION_TABLE + " WHERE version = 9");
            }
        }
    }

    @Test
    void workUnderTheSchoolLockMayWriteTheSchool() {
        SyncRun run = run(5, SyncOutcome.SUCCESS);
        SyncRun result = directory.withSchoolLock(schoolA, () -> {
            directory.apply(schoolA, none(List.of()), run);
            return directory.lastRun(schoolA).orElseThrow();
        });
        assertThat(result).isEqualTo(run);
        assertThatThrownBy(() -> directory.withSchoolLock("Not A School", () -> 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dataIssuesAreReplacedWholesale() {
        directory.apply(schoolA, fullCreate(), run(0, SyncOutcome.SUCCESS));
        List<DataIssue> next = List.of(new DataIssue("Z_LAST", null, null, null, "sorted last alphabetically"),
                new DataIssue("A_FIRST", "s2", "p1", "mobile", "kept in list order"));
        directory.apply(schoolA, none(next), run(1, SyncOutcome.SUCCESS));
        assertThat(directory.dataIssues(schoolA)).containsExactlyElementsOf(next);

        directory.apply(schoolA, none(List.of()), run(2, SyncOutcome.SUCCESS));
        assertThat(directory.dataIssues(schoolA)).isEmpty();
        assertThat(directory.counts(schoolA).dataIssues()).isZero();
    }

    @Test
    void manyRowsGoThroughInSeveralBatches() {
        List<Member> members = new ArrayList<>();
        List<GroupMembership> memberships = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            members.add(student("s" + i, EnrolmentState.ON_ROLL));
            memberships.add(new GroupMembership("g1", "s" + i));
        }
        directory.apply(schoolA, new ChangeSet(created(members), Changes.none(), Changes.none(), Changes.none(),
                created(List.of(group("g1"))), created(memberships), List.of()), run(0, SyncOutcome.SUCCESS));
        assertThat(directory.counts(schoolA).students()).isEqualTo(2500);
        assertThat(directory.load(schoolA).memberships()).hasSize(2500);
    }

    @Test
    void anInvalidSchoolIdIsRefused() {
        assertThatThrownBy(() -> directory.load("Bad School")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> directory.counts("x' OR '1'='1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lastGoodRunSkipsFailedAndRefusedRuns() {
        directory.apply(schoolA, fullCreate(), run(0, SyncOutcome.SUCCESS));
        directory.recordRun(schoolA, run(5, SyncOutcome.FAILED));
        directory.recordRun(schoolA, run(9, SyncOutcome.REFUSED));

        assertThat(directory.lastGoodRun(schoolA)).contains(run(0, SyncOutcome.SUCCESS));
        assertThat(directory.lastRun(schoolA)).contains(run(9, SyncOutcome.REFUSED));
        assertThat(directory.lastGoodRun(schoolB)).isEmpty();
    }

    @Test
    void anEditAppliesHandMadeRowsWithoutARunAndKeepsTheDataIssues() {
        directory.apply(schoolA, fullCreate(), run(0, SyncOutcome.SUCCESS));
        Member coach = new Member("coach", MemberKind.OTHER, "Carl", "Coach", null, null, EnrolmentState.ON_ROLL,
                null, null, null, Origin.MANUAL);
        DirectoryGroup trip = new DirectoryGroup("trip", "Trip", GroupKind.OTHER, true, Origin.MANUAL);
        directory.edit(schoolA, new ChangeSet(created(List.of(coach)), Changes.none(), Changes.none(), Changes.none(),
                created(List.of(trip)), created(List.of(new GroupMembership("trip", "coach"))), List.of()));

        DirectoryState after = directory.load(schoolA);
        assertThat(after.members()).contains(coach);
        assertThat(after.memberships()).contains(new GroupMembership("trip", "coach"));
        assertThat(after.dataIssues()).hasSize(2);
        assertThat(directory.lastRun(schoolA)).contains(run(0, SyncOutcome.SUCCESS));
    }

    @Test
    void anEditThatTouchesAnImportedRowIsRefusedWhole() {
        directory.apply(schoolA, fullCreate(), run(0, SyncOutcome.SUCCESS));
        DirectoryState before = directory.load(schoolA);
        DirectoryGroup trip = new DirectoryGroup("trip", "Trip", GroupKind.OTHER, true, Origin.MANUAL);
        ChangeSet sneaky = new ChangeSet(Changes.none(), Changes.none(), Changes.none(), Changes.none(),
                new Changes<>(List.of(trip), List.of(), List.of(group("g1"))), Changes.none(), List.of());

        assertThatThrownBy(() -> directory.edit(schoolA, sneaky)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("came from the MIS");
        assertThat(directory.load(schoolA)).isEqualTo(before);
    }

    @Test
    void outboxEntriesAreStoredWithTheChangeAndGoOnlyWhenAcknowledged() {
        List<org.misbridge.api.directory.OutboxEntry> outbox = List.of(
                new org.misbridge.api.directory.OutboxEntry("meals", "s1", "{\"status\":\"Open\"}"),
                new org.misbridge.api.directory.OutboxEntry("meals", "s2", "{\"status\":\"Open\"}"));
        directory.apply(schoolA, fullCreate(), run(0, SyncOutcome.SUCCESS), outbox);

        List<org.misbridge.api.directory.PendingEntry> pending = feeds.pending(schoolA, "meals", 10);
        assertThat(pending).extracting(p -> p.entry().key()).containsExactly("s1", "s2");
        assertThat(pending.get(1).seq()).isGreaterThan(pending.get(0).seq());
        assertThat(feeds.pendingCount(schoolB, "meals")).isZero();

        assertThat(feeds.acknowledge(schoolA, "meals", pending.get(0).seq())).isEqualTo(1);
        assertThat(feeds.pending(schoolA, "meals", 10)).extracting(p -> p.entry().key()).containsExactly("s2");
        feeds.acknowledge(schoolA, "meals", pending.get(1).seq());
        directory.apply(schoolA, none(List.of()), run(1, SyncOutcome.SUCCESS),
                List.of(new org.misbridge.api.directory.OutboxEntry("meals", "s3", "{}")));
        assertThat(feeds.pending(schoolA, "meals", 10).get(0).seq())
                .as("sequence numbers are never reused, so a receiver can de-duplicate by them")
                .isGreaterThan(pending.get(1).seq());
    }

    /** A first export of a large school: COPY on PostgreSQL, batches on H2; the entries read back in order, exactly. */
    @Test
    void aLargeOutboxReadsBackInOrderWithItsPayloadsExact() {
        List<org.misbridge.api.directory.OutboxEntry> outbox = new ArrayList<>();
        for (int i = 0; i < PgCopy.MIN_ROWS + 3; i++) {
            String name = i % 3 == 0 ? "O\\'Brien\t\"Zoë\"\n\\N" : "Student " + i;
            outbox.add(new org.misbridge.api.directory.OutboxEntry(i % 2 == 0 ? "meals" : "other", "k" + i,
                    "{\"name\":\"" + name + "\"}"));
        }
        directory.apply(schoolA, none(List.of()), run(0, SyncOutcome.SUCCESS), outbox);
        directory.apply(schoolA, none(List.of()), run(1, SyncOutcome.SUCCESS),
                List.of(new org.misbridge.api.directory.OutboxEntry("meals", "after", "{}")));

        List<org.misbridge.api.directory.PendingEntry> meals = feeds.pending(schoolA, "meals", 5000);
        List<org.misbridge.api.directory.OutboxEntry> expected = new ArrayList<>(
                outbox.stream().filter(e -> e.topic().equals("meals")).toList());
        expected.add(new org.misbridge.api.directory.OutboxEntry("meals", "after", "{}"));
        assertThat(meals).extracting(org.misbridge.api.directory.PendingEntry::entry).containsExactlyElementsOf(expected);
        assertThat(meals).extracting(org.misbridge.api.directory.PendingEntry::seq)
                .as("numbered 1, 2, 3 … in each topic, and on after the large append")
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, expected.size()).boxed().toList());
        assertThat(feeds.pendingCount(schoolA, "other")).isEqualTo(outbox.size() - (expected.size() - 1));
        assertThat(feeds.pendingCount(schoolB, "meals")).isZero();
    }

    @Test
    void aFailedApplyStoresNoOutboxEntryAndAFeedIsInitialisedOnce() {
        directory.apply(schoolA, fullCreate(), run(1, SyncOutcome.SUCCESS));
        ChangeSet duplicate = new ChangeSet(created(List.of(student("s1", EnrolmentState.ON_ROLL))), Changes.none(),
                Changes.none(), Changes.none(), Changes.none(), Changes.none(), List.of());
        assertThatThrownBy(() -> directory.apply(schoolA, duplicate, run(2, SyncOutcome.SUCCESS),
                List.of(new org.misbridge.api.directory.OutboxEntry("meals", "s1", "{}"))));
        assertThat(feeds.pendingCount(schoolA, "meals")).isZero();

        boolean first = directory.initialiseFeed(schoolA, "meals", state -> state.members().stream()
                .map(m -> new org.misbridge.api.directory.OutboxEntry("meals", m.id(), "{}")).toList());
        boolean second = directory.initialiseFeed(schoolA, "meals", state -> List.of(
                new org.misbridge.api.directory.OutboxEntry("meals", "again", "{}")));

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(feeds.pendingCount(schoolA, "meals")).isEqualTo(4);
        assertThat(feeds.feedState(schoolA, "meals").initialised()).isTrue();
        java.time.Instant at = java.time.Instant.parse("2026-11-23T10:00:00Z");
        feeds.recordFeedState(schoolA, "meals", feeds.feedState(schoolA, "meals").failed(at, "HTTP 503"));
        assertThat(feeds.feedState(schoolA, "meals")).satisfies(s -> {
            assertThat(s.lastError()).isEqualTo("HTTP 503");
            assertThat(s.lastErrorAt()).isEqualTo(at);
            assertThat(s.initialised()).isTrue();
        });
        assertThat(feeds.feedState(schoolB, "meals").initialised()).isFalse();
    }

    @Test
    void aPushOutcomeRecordedFromAStateReadBeforeTheFirstFullExportKeepsTheFeedInitialised() {
        // the meal exporter reads the state, pushes, then records; the first full export can commit between
        directory.apply(schoolA, fullCreate(), run(1, SyncOutcome.SUCCESS));
        org.misbridge.api.directory.FeedState readBefore = feeds.feedState(schoolA, "meals");
        assertThat(readBefore.initialised()).isFalse();
        assertThat(directory.initialiseFeed(schoolA, "meals", state -> List.of())).isTrue();

        java.time.Instant at = java.time.Instant.parse("2026-12-03T10:00:00Z");
        feeds.recordFeedState(schoolA, "meals", readBefore.pushed(at, 50));

        assertThat(feeds.feedState(schoolA, "meals")).satisfies(s -> {
            assertThat(s.initialised()).isTrue();
            assertThat(s.lastPushAt()).isEqualTo(at);
            assertThat(s.lastPushCount()).isEqualTo(50);
        });
    }

    @Test
    void theAuditTrailKeepsEveryEntryNewestFirstAndPerSchool() {
        java.time.Instant t = java.time.Instant.parse("2026-11-23T09:00:00Z");
        trail.audit(schoolA, new org.misbridge.api.directory.AuditRecord(t, "karaf", "remove-member", "coach-1", 1));
        trail.audit(schoolA, new org.misbridge.api.directory.AuditRecord(t.plusSeconds(60), "karaf", "sync --force",
                "run", 38));

        assertThat(trail.auditTrail(schoolA, 10)).extracting(org.misbridge.api.directory.AuditRecord::action)
                .containsExactly("sync --force", "remove-member");
        assertThat(trail.auditTrail(schoolA, 1)).hasSize(1);
        assertThat(trail.auditTrail(schoolB, 10)).isEmpty();
    }

    @Test
    void aQueuedDeletionIsAppliedWholeWithItsOutboxAndRemembered() {
        directory.apply(schoolA, fullCreate(), run(0, SyncOutcome.SUCCESS));
        assertThat(deletions.queueDeletion(schoolA, List.of("s3", "s3"), "karaf")).isEqualTo(1);
        assertThat(deletions.queueDeletion(schoolA, List.of("s3"), "karaf")).isZero();
        assertThat(deletions.deletionQueue(schoolA)).containsExactly("s3");
        assertThat(deletions.deletionQueue(schoolB)).isEmpty();

        Member leaver = student("s3", EnrolmentState.LEAVER);
        ChangeSet removal = new ChangeSet(new Changes<>(List.of(), List.of(), List.of(leaver)), Changes.none(),
                Changes.none(), Changes.none(), Changes.none(), Changes.none(), List.of());
        deletions.applyDeletion(schoolA, removal,
                List.of(new org.misbridge.api.directory.OutboxEntry("meals", "s3", "{\"status\":\"Closed\"}")), List.of("s3"));

        assertThat(directory.load(schoolA).members()).extracting(Member::id).doesNotContain("s3");
        assertThat(deletions.deletionQueue(schoolA)).isEmpty();
        assertThat(deletions.deletedMembers(schoolA)).containsExactly("s3");
        assertThat(deletions.deletedMembers(schoolB)).isEmpty();
        assertThat(feeds.pendingCount(schoolA, "meals")).isEqualTo(1);
    }

    private static <T> List<T> replace(List<T> rows, T replacement, java.util.function.Predicate<T> which) {
        return rows.stream().map(r -> which.test(r) ? replacement : r).toList();
    }
}
