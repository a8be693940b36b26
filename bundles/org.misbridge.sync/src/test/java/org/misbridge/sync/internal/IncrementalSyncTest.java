package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.misbridge.sync.internal.SmallFamilies.SETTINGS;
import static org.misbridge.sync.internal.SmallFamilies.TODAY;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.misbridge.api.Directory;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.Changes;
import org.misbridge.api.directory.DirectoryGroup;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.directory.RowCounts;
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
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Staff;
import org.misbridge.api.model.Student;
import org.misbridge.api.model.Telephone;
import org.misbridge.api.model.TelephoneType;
import org.misbridge.store.jdbc.internal.JdbcDirectory;
import org.misbridge.sync.plan.DeletionThreshold;
import org.misbridge.sync.plan.SyncPlanner;
import org.misbridge.testkit.SettableMis;

/**
 * A re-sync loads and diffs only the members whose family digest changed, and makes the change set
 * the whole directory's plan makes: one test per field the planner reads, each changing only that
 * field and expecting exactly that one change, without loading the whole directory.
 */
class IncrementalSyncTest {

    private static final Clock CLOCK = Clock.fixed(TODAY.atTime(7, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    private static final DeletionThreshold ANY = new DeletionThreshold(100, 1_000_000, 100, 1_000);

    private JdbcDirectory store;
    private Directory directory;
    private final AtomicInteger fullLoads = new AtomicInteger();

    @BeforeEach
    void freshStore() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        store = new JdbcDirectory(ds);
        store.migrate();
        directory = CountedDirectory.of(store, Map.of("load", fullLoads));
    }

    private SyncRun sync(Snapshot snapshot) {
        SettableMis reader = new SettableMis();
        reader.set(snapshot);
        SyncRun run = new SyncRunner("small", reader, directory, store.preferences(), store.deletions(),
                RunnerSettings.of(SETTINGS, ANY, ZoneId.of("Europe/London"), CLOCK)).run();
        assertThat(run.outcome()).as(run.message()).isEqualTo(SyncOutcome.SUCCESS);
        return run;
    }

    private static SyncPlanner planner() {
        return new SyncPlanner(SETTINGS, TODAY);
    }

    static Stream<Arguments> oneFieldChanged() {
        LocalDate september = LocalDate.of(2025, 9, 1);
        return Stream.of(
                field("student given name", s -> SmallFamilies.students(s, st -> st.id().equals("s1")
                        ? new Student("s1", null, "Anna", "Ash", "7", "7A", st.enrolment()) : st), 0, 1, 0),
                field("student family name", s -> SmallFamilies.students(s, st -> st.id().equals("s2")
                        ? new Student("s2", null, "Ben", "Ashe", "9", "9B", st.enrolment()) : st), 0, 1, 0),
                field("year group", s -> SmallFamilies.students(s, st -> st.id().equals("s3")
                        ? new Student("s3", null, "Cat", "Cole", "8", "7A", st.enrolment()) : st), 0, 1, 0),
                field("registration group", s -> SmallFamilies.students(s, st -> st.id().equals("s1")
                        ? new Student("s1", null, "Ann", "Ash", "7", "7C", st.enrolment()) : st), 0, 1, 0),
                field("admission date", s -> SmallFamilies.students(s, st -> st.id().equals("s2")
                        ? new Student("s2", null, "Ben", "Ash", "9", "9B", Enrolment.onRoll(september.plusDays(1), null))
                        : st), 0, 1, 0),
                field("leaving date passed (state)", s -> SmallFamilies.students(s, st -> st.id().equals("s3")
                        ? new Student("s3", null, "Cat", "Cole", "7", "7A", Enrolment.onRoll(september, TODAY.minusDays(3)))
                        : st), 0, 1, 0),
                // a leaver stays with its contacts; its class membership goes, as the snapshot no longer makes the member
                field("student gone from a whole roll (leaver)", s -> SmallFamilies.withoutStudent(s, "s3"), 0, 1, 1),
                field("staff given name", s -> SmallFamilies.staff(s,
                        t -> new Staff("t1", "Tim", "Teach", t.email(), t.mobile(), null)), 0, 1, 0),
                field("staff email", s -> SmallFamilies.staff(s,
                        t -> new Staff("t1", "Tom", "Teach", "tom.teach@school.example", t.mobile(), null)), 1, 0, 1),
                field("contact given name", s -> SmallFamilies.contacts(s, c -> c.id().equals("c3")
                        ? new Contact("c3", "Patricia", "Cole", c.emails(), c.telephones()) : c), 0, 1, 0),
                field("shared contact family name", s -> SmallFamilies.contacts(s, c -> c.id().equals("c1")
                        ? new Contact("c1", "Meg", "Ashby", c.emails(), c.telephones()) : c), 0, 1, 0),
                field("contact mobile", s -> SmallFamilies.contacts(s, c -> c.id().equals("c3")
                        ? new Contact("c3", "Pat", "Cole", List.of(), List.of(new Telephone("07700 900033", TelephoneType.MOBILE)))
                        : c), 1, 0, 1),
                field("contact email gone", s -> SmallFamilies.contacts(s, c -> c.id().equals("c2")
                        ? new Contact("c2", "Dan", "Ash", List.of(), List.of()) : c), 0, 0, 1),
                field("contact email added", s -> SmallFamilies.contacts(s, c -> c.id().equals("c3")
                        ? new Contact("c3", "Pat", "Cole", List.of(new Email("pat@example.org", EmailLocation.HOME)),
                                c.telephones()) : c), 1, 0, 0),
                field("relationship", s -> SmallFamilies.links(s, l -> l.studentId().equals("s3")
                        ? new ContactLink("s3", "c3", 1, l.parentalResponsibility(), "Aunt") : l), 0, 1, 0),
                field("parental responsibility", s -> SmallFamilies.links(s, l -> l.studentId().equals("s3")
                        ? new ContactLink("s3", "c3", 1, ParentalResponsibility.YES, "Carer") : l), 0, 1, 0),
                field("priority", s -> SmallFamilies.links(s, l -> l.studentId().equals("s1") && l.contactId().equals("c2")
                        ? new ContactLink("s1", "c2", 3, l.parentalResponsibility(), "Father") : l), 0, 1, 0),
                field("priority that makes a prime parent", s -> SmallFamilies.links(s,
                        l -> l.studentId().equals("s2") && l.contactId().equals("c1")
                                ? new ContactLink("s2", "c1", 2, l.parentalResponsibility(), "Mother") : l), 0, 1, 0),
                field("group name", s -> SmallFamilies.groups(s, g -> g.id().equals("g9b")
                        ? new Group("g9b", "9B Drawing", g.kind(), true, g.memberIds()) : g), 0, 1, 0),
                field("group active", s -> SmallFamilies.groups(s, g -> g.id().equals("g7a")
                        ? new Group("g7a", g.name(), g.kind(), false, g.memberIds()) : g), 0, 1, 0),
                field("group membership", s -> SmallFamilies.groups(s, g -> g.id().equals("g9b")
                        ? new Group("g9b", g.name(), g.kind(), true, Set.of("s2", "s3")) : g), 1, 0, 0));
    }

    private static Arguments field(String name, UnaryOperator<Snapshot> change, int created, int updated, int removed) {
        return Arguments.of(name, change, created, updated, removed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneFieldChanged")
    void aChangeToOneFieldIsFoundAndAppliedAloneWithoutLoadingTheWholeDirectory(String field, UnaryOperator<Snapshot> change,
            int created, int updated, int removed) {
        Snapshot before = SmallFamilies.school();
        sync(before);
        SyncRun unchanged = sync(before);
        assertThat(List.of(unchanged.created(), unchanged.updated(), unchanged.removed())).containsOnly(0);
        assertThat(fullLoads).as("only the first sync loads the whole directory").hasValue(1);

        Snapshot after = change.apply(before);
        ChangeSet whole = planner().plan(after, store.load("small"));
        IncrementalPlan.Planned incremental = IncrementalPlan.plan(store, "small", planner(), after,
                new IncrementalPlan.Loaded(store.loadSyncBase("small").orElseThrow(), null), false, null);
        assertThat(incremental.incremental()).isTrue();
        assertSameChanges(incremental.changes(), whole);

        SyncRun run = sync(after);
        assertThat(List.of(run.created(), run.updated(), run.removed())).as(field).containsExactly(created, updated, removed);
        SyncRun again = sync(after);
        assertThat(List.of(again.created(), again.updated(), again.removed())).as(field + ", synced again").containsOnly(0);
        assertThat(fullLoads).as("the re-syncs load only what changed").hasValue(1);
    }

    @Test
    void theRunRecordsTheRowsReadComparedLoadedAndWritten() {
        Snapshot school = SmallFamilies.school();
        sync(school);
        SyncRun unchanged = sync(school);
        // read: 3 students, 1 staff, 3 contacts, 5 links, 2 groups. Loaded: 4 members, 2 groups and
        // 4 digests (no data issues, nothing blocked, nothing made by hand). Compared: the 4 digests
        // and the 6 member and group rows, which are always diffed whole. Written: nothing.
        assertThat(unchanged.rows()).isEqualTo(new RowCounts(14, 10, 10, 0));
        assertThat(store.lastRun("small").orElseThrow().rows()).isEqualTo(unchanged.rows());

        SyncRun renamed = sync(SmallFamilies.contacts(school, c -> c.id().equals("c3")
                ? new Contact("c3", "Patricia", "Cole", c.emails(), c.telephones()) : c));
        // s3's family is loaded as well: its link, c3, c3's mobile and s3's one membership
        assertThat(renamed.rows()).isEqualTo(new RowCounts(14, 14, 14, 1));
    }

    @Test
    void aHandEditDropsTheDigestsAndTheNextSyncLoadsTheWholeDirectoryAndDigestsItAgain() {
        Snapshot school = SmallFamilies.school();
        sync(school);
        assertThat(store.loadSyncBase("small")).isPresent();

        store.edit("small", new ChangeSet(Changes.none(), Changes.none(), Changes.none(), Changes.none(),
                new Changes<>(List.of(new DirectoryGroup("club", "Chess club", GroupKind.OTHER, true, Origin.MANUAL)),
                        List.of(), List.of()), Changes.none(), List.of()));
        assertThat(store.loadSyncBase("small")).as("a hand edit drops the digests").isEmpty();
        SyncRun afterEdit = sync(school);

        assertThat(List.of(afterEdit.created(), afterEdit.updated(), afterEdit.removed())).containsOnly(0);
        assertThat(fullLoads).hasValue(2);
        // a school with rows people made keeps to the whole directory's plan (see IncrementalPlan)
        assertThat(store.loadSyncBase("small")).isEmpty();
    }

    @Test
    void digestsMissingAfterAnUpgradeAreWrittenByTheNextSyncAndUsedByTheOneAfter() throws Exception {
        Snapshot school = SmallFamilies.school();
        sync(school);
        try (var c = storeConnection(); var st = c.createStatement()) {
            st.executeUpdate("DELETE FROM dir_member_digest");
            st.executeUpdate("DELETE FROM dir_digest_state"); // as a store upgraded to V11 has them
        }
        sync(school);
        assertThat(fullLoads).hasValue(2);
        SyncRun third = sync(SmallFamilies.contacts(school, c -> c.id().equals("c3")
                ? new Contact("c3", "Patricia", "Cole", c.emails(), c.telephones()) : c));
        assertThat(List.of(third.created(), third.updated(), third.removed())).containsExactly(0, 1, 0);
        assertThat(fullLoads).hasValue(2);
    }

    @Test
    void aStoredDigestThatIsWrongOnlyCostsALoadOfThatMember() throws Exception {
        Snapshot school = SmallFamilies.school();
        sync(school);
        try (var c = storeConnection(); var st = c.createStatement()) {
            st.executeUpdate("UPDATE dir_member_digest SET digest = 'not-a-digest' WHERE member_id = 's3'");
        }
        ChangeSet whole = planner().plan(school, store.load("small"));
        IncrementalPlan.Planned incremental = IncrementalPlan.plan(store, "small", planner(), school,
                new IncrementalPlan.Loaded(store.loadSyncBase("small").orElseThrow(), null), false, null);
        assertThat(incremental.changes().isEmpty()).isTrue();
        assertSameChanges(incremental.changes(), whole);
        assertThat(incremental.digests().digests()).containsOnlyKeys("s3");
    }

    private java.sql.Connection storeConnection() throws java.sql.SQLException {
        var field = JdbcDirectory.class.getDeclaredFields();
        for (var f : field) {
            if (f.getType() == javax.sql.DataSource.class) {
                f.setAccessible(true);
                try {
                    return ((javax.sql.DataSource) f.get(store)).getConnection();
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("no data source");
    }

    static void assertSameChanges(ChangeSet actual, ChangeSet expected) {
        assertSame("members", actual.members(), expected.members());
        assertSame("people", actual.people(), expected.people());
        assertSame("links", actual.links(), expected.links());
        assertSame("details", actual.details(), expected.details());
        assertSame("groups", actual.groups(), expected.groups());
        assertSame("memberships", actual.memberships(), expected.memberships());
        assertThat(actual.dataIssues().stream().map(Object::toString).sorted().toList())
                .isEqualTo(expected.dataIssues().stream().map(Object::toString).sorted().toList());
    }

    private static <T extends org.misbridge.api.directory.Keyed> void assertSame(String kind, Changes<T> actual,
            Changes<T> expected) {
        assertThat(new HashSet<>(actual.created())).as(kind + " created").isEqualTo(new HashSet<>(expected.created()));
        assertThat(new HashSet<>(actual.updated())).as(kind + " updated").isEqualTo(new HashSet<>(expected.updated()));
        assertThat(new HashSet<>(actual.removed())).as(kind + " removed").isEqualTo(new HashSet<>(expected.removed()));
        assertThat(actual.created().size() + actual.updated().size() + actual.removed().size())
                .isEqualTo(expected.created().size() + expected.updated().size() + expected.removed().size());
    }
}
