package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.OptOut;
import org.misbridge.api.directory.SyncBase;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.model.ReadIssue;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Student;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.mis.oneroster.internal.Limits;
import org.misbridge.mis.oneroster.internal.OneRosterCsvReader;
import org.misbridge.store.jdbc.internal.JdbcDirectory;
import org.misbridge.sync.plan.FamilyDigests;
import org.misbridge.sync.plan.ImportSettings;
import org.misbridge.sync.plan.ReaderIssues;
import org.misbridge.sync.plan.SnapshotChanges;
import org.misbridge.sync.plan.SyncPlanner;
import org.misbridge.testkit.SchoolGenerator;

/**
 * A generated school changed at random, round after round, as a delta reader would serve it: each
 * round the plan of only the touched families makes the change set the plan of the whole directory
 * makes (the data issues too), it touches fewer families than the school has, and once applied the
 * stored rows and every member's stored digest are what a whole plan and a fresh digest give.
 * Where the scoped plan cannot know, it declines, and the sync plans another way.
 */
class ScopedPlanTest {

    private static final LocalDate TODAY = SchoolGenerator.DEFAULT_TODAY;
    private static final Clock CLOCK = Clock.fixed(TODAY.atTime(7, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    private static final ImportSettings SETTINGS = new ImportSettings(true, true, Set.of(1), 3, false, true, true, true);

    private JdbcDirectory store;
    private ScopedPlan.Prior prior;
    private Snapshot snapshot;

    @BeforeEach
    void firstSync(@TempDir Path dir) throws IOException, MisReadException {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-s", 300, 9L), dir);
        snapshot = withReadIssues(new OneRosterCsvReader("scoped", dir, null, CLOCK, Limits.defaults()).read(), 0);
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        store = new JdbcDirectory(ds);
        store.migrate();
        IncrementalPlan.Planned first = IncrementalPlan.plan(store, "scoped", planner(Set.of()), snapshot,
                new IncrementalPlan.Loaded(null, store.load("scoped")), false, null);
        prior = apply(first, snapshot, Set.of());
    }

    @ParameterizedTest
    @ValueSource(longs = {2112, 7, 404})
    void randomDeltasPlanAsTheWholeDirectoryDoes(long seed) {
        Random random = new Random(seed);
        Map<String, Student> gone = new HashMap<>();
        for (int round = 1; round <= 20; round++) {
            Snapshot next = withReadIssues(RandomDeltas.change(snapshot, random, gone), round % 3);
            Set<String> touched = SnapshotChanges.touched(snapshot, next);
            assertThat(touched).as("round %d touches some families, not the school", round).isNotEmpty()
                    .hasSizeLessThan(snapshot.students().size());
            ChangeSet whole = ReaderIssues.record(next, planner(Set.of()).plan(next, store.load("scoped")));
            IncrementalPlan.Planned scoped = ScopedPlan.plan(store, "scoped", planner(Set.of()), next, base(), prior);
            assertThat(scoped).as("round %d is planned by its scope", round).isNotNull();
            IncrementalSyncTest.assertSameChanges(ReaderIssues.record(next, scoped.changes()), whole);
            prior = apply(scoped, next, Set.of());
            snapshot = next;
        }
    }

    @Test
    void nothingChangedPlansNothingAndTouchesNobody() {
        Snapshot same = new Snapshot(snapshot.schoolId(), snapshot.source(), snapshot.coverage(), snapshot.readAt(),
                new ArrayList<>(snapshot.students()), snapshot.staff(), snapshot.contacts(), snapshot.links(), snapshot.groups(),
                snapshot.failures(), snapshot.issues());
        assertThat(SnapshotChanges.touched(snapshot, same)).isEmpty();
        IncrementalPlan.Planned scoped = ScopedPlan.plan(store, "scoped", planner(Set.of()), same, base(), prior);
        assertThat(scoped).isNotNull();
        assertThat(ReaderIssues.record(same, scoped.changes()).isEmpty()).isTrue();
        assertThat(scoped.loaded()).as("nothing beyond the base is loaded").isEqualTo(base().rowsLoaded());
    }

    @Test
    void declinesWhenTheRowsOrThePlannersInputsAreNotThoseOfTheKeptSnapshot() {
        Snapshot next = RandomDeltas.change(snapshot, new Random(5), new HashMap<>());
        assertThat(ScopedPlan.plan(store, "scoped", planner(Set.of()), next, base(),
                new ScopedPlan.Prior("another-token", prior.inputs(), prior.snapshot(), prior.members(),
                        prior.handMadeLinks(), prior.blockedDetails(), prior.importedPeople())))
                .as("the store's rows follow another snapshot").isNull();
        Set<OptOut> optOut = Set.of(new OptOut(OptOut.Kind.STUDENT, snapshot.students().get(3).id()));
        assertThat(ScopedPlan.plan(store, "scoped", planner(optOut), next, base(), prior))
                .as("an opt-out since changes plans of families the MIS did not touch").isNull();
        assertThat(ScopedPlan.plan(store, "scoped", new SyncPlanner(SETTINGS, TODAY.plusDays(1), Set.of(), Set.of(), Set.of(),
                List.of()), next, base(), prior)).as("a new day can make leavers of anyone").isNull();
    }

    @Test
    void declinesWhenAStoredIssueBelongsToNoFamily() {
        Student bad = new Student("bad id with spaces and far too long ".repeat(10), null, "A", "B", "7", "7A",
                snapshot.students().get(0).enrolment());
        List<Student> students = new ArrayList<>(snapshot.students());
        students.add(bad);
        Snapshot withBadId = new Snapshot(snapshot.schoolId(), snapshot.source(), snapshot.coverage(), snapshot.readAt(),
                students, snapshot.staff(), snapshot.contacts(), snapshot.links(), snapshot.groups(), snapshot.failures(),
                snapshot.issues());
        IncrementalPlan.Planned planned = IncrementalPlan.plan(store, "scoped", planner(Set.of()), withBadId,
                new IncrementalPlan.Loaded(base(), null), false, prior);
        assertThat(planned.changes().dataIssues()).anyMatch(i -> i.kind().equals("invalid-id") && i.memberId() == null);
        prior = apply(planned, withBadId, Set.of());
        assertThat(ScopedPlan.plan(store, "scoped", planner(Set.of()), withBadId, base(), prior))
                .as("whether the bad id's issue still holds is beyond the touched families").isNull();
    }

    private SyncBase base() {
        return store.loadSyncBase("scoped").orElseThrow();
    }

    /** Applies a plan as a delta sync does, then checks the rows and every stored digest against fresh ones. */
    private ScopedPlan.Prior apply(IncrementalPlan.Planned planned, Snapshot applied, Set<OptOut> optOuts) {
        String token = UUID.randomUUID().toString();
        SyncRun run = new SyncRun(CLOCK.instant(), CLOCK.instant(), SyncOutcome.SUCCESS, 0, 0, 0, null);
        store.applySync("scoped", ReaderIssues.record(applied, planned.changes()), run, List.of(), CLOCK, step -> { }, null,
                planned.digests().withSyncToken(token));
        DirectoryState now = store.load("scoped");
        assertThat(planner(optOuts).plan(applied, now).isEmpty()).as("applied in full").isTrue();
        SyncBase base = base();
        assertThat(base.syncToken()).isEqualTo(token);
        Map<String, String> fresh = new FamilyDigests(now.links(), now.people(), now.details(), now.memberships())
                .of(now.members().stream().filter(m -> !leaverAbsent(m, applied)).map(Member::id).toList());
        Map<String, String> stored = new HashMap<>(base.digests());
        stored.keySet().retainAll(fresh.keySet());
        assertThat(stored).as("every member's stored digest is its family's").isEqualTo(fresh);
        return new ScopedPlan.Prior(token, planner(optOuts).inputs(), applied, now.members(), List.of(),
                now.details().stream().filter(d -> d.blocked()).toList(), base.importedPeople());
    }

    /** A leaver gone from the MIS keeps its family, but no plan compares its digest until it is back. */
    private static boolean leaverAbsent(Member m, Snapshot s) {
        return s.students().stream().noneMatch(st -> st.id().equals(m.id())) && s.staff().stream().noneMatch(st -> st.id().equals(m.id()));
    }

    private static SyncPlanner planner(Set<OptOut> optOuts) {
        return new SyncPlanner(SETTINGS, TODAY, Set.of(), optOuts, Set.of(), List.of());
    }

    /** What the reader read past, as the sync adds it: some rounds one issue about a student, some two. */
    private static Snapshot withReadIssues(Snapshot s, int count) {
        List<ReadIssue> issues = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            issues.add(new ReadIssue("unknown-role", "users", 2 + i, "role", s.students().get(i).id(), "role 'x' is unknown"));
        }
        return new Snapshot(s.schoolId(), s.source(), s.coverage(), s.readAt(), s.students(), s.staff(), s.contacts(),
                s.links(), s.groups(), s.failures(), issues);
    }
}
