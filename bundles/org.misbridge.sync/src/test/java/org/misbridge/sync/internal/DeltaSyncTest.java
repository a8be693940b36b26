package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.misbridge.sync.internal.SmallFamilies.SETTINGS;
import static org.misbridge.testkit.SchoolGenerator.DEFAULT_TODAY;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.h2.jdbcx.JdbcDataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.misbridge.api.Directory;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DeliveryFeedback;
import org.misbridge.api.directory.DetailKind;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.OptOut;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.directory.RowCounts;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.model.Contact;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Student;
import org.misbridge.api.spi.DeltaReader;
import org.misbridge.store.jdbc.internal.JdbcDirectory;
import org.misbridge.sync.plan.DeletionThreshold;

/**
 * Syncs from a delta reader: the host keeps the snapshot it applied and re-plans only the families
 * the next one touched. Each field the planner reads, changed alone, is found and applied alone
 * (the cases of {@link IncrementalSyncTest}), with no whole load and nothing beyond the touched
 * families loaded.
 */
class DeltaSyncTest {

    private static final Clock CLOCK = Clock.fixed(DEFAULT_TODAY.atTime(7, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    private static final DeletionThreshold ANY = new DeletionThreshold(100, 1_000_000, 100, 1_000);

    private JdbcDirectory store;
    private final AtomicInteger fullLoads = new AtomicInteger();
    private final AtomicInteger scopedLoads = new AtomicInteger();
    private final DeltaMis reader = new DeltaMis();
    private SyncRunner runner;

    /** A reader that says it reads deltas, serving whatever snapshot the test sets. */
    private static final class DeltaMis implements DeltaReader {
        private @Nullable Snapshot next;
        boolean deltas = true;

        @Override
        public String kind() {
            return "delta-test";
        }

        @Override
        public Snapshot read() {
            return Objects.requireNonNull(next);
        }

        @Override
        public boolean readsDeltas() {
            return deltas;
        }
    }

    @BeforeEach
    void freshStore() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        store = new JdbcDirectory(ds);
        store.migrate();
        Directory directory = CountedDirectory.of(store, Map.of("load", fullLoads, "loadScope", scopedLoads));
        runner = new SyncRunner("small", reader, directory, store.preferences(), store.deletions(),
                RunnerSettings.of(SETTINGS, ANY, ZoneId.of("Europe/London"), CLOCK));
    }

    private SyncRun sync(Snapshot snapshot) {
        reader.next = snapshot;
        SyncRun run = runner.run();
        assertThat(run.outcome()).as(run.message()).isEqualTo(SyncOutcome.SUCCESS);
        return run;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.misbridge.sync.internal.IncrementalSyncTest#oneFieldChanged")
    void aChangeToOneFieldIsFoundAndAppliedAloneFromTheKeptSnapshot(String field, UnaryOperator<Snapshot> change,
            int created, int updated, int removed) {
        Snapshot before = SmallFamilies.school();
        sync(before);
        Snapshot after = change.apply(before);
        SyncRun run = sync(after);
        assertThat(List.of(run.created(), run.updated(), run.removed())).as(field).containsExactly(created, updated, removed);
        assertKeptIsStored();
        SyncRun again = sync(after);
        assertThat(List.of(again.created(), again.updated(), again.removed())).as(field + ", synced again").containsOnly(0);
        assertThat(fullLoads).as("only the first sync loads the whole directory").hasValue(1);
        // nothing touched the second time: the scoped plan loads nothing beyond the base, digests left out
        assertThat(again.rows().loaded()).isEqualTo(store.loadSyncBase("small", false).orElseThrow().rowsLoaded());
    }

    /** What the runner keeps for the next sync is what the store holds. */
    private void assertKeptIsStored() {
        DirectoryState stored = store.load("small");
        ScopedPlan.Prior kept = Objects.requireNonNull(runner.prior);
        assertThat(new HashSet<>(kept.members())).isEqualTo(new HashSet<>(stored.members()));
        assertThat(kept.handMadeLinks()).isEqualTo(stored.links().stream().filter(l -> l.origin() != Origin.IMPORT).toList());
        assertThat(new HashSet<>(kept.blockedDetails()))
                .isEqualTo(new HashSet<>(stored.details().stream().filter(ContactDetail::blocked).toList()));
        assertThat(kept.importedPeople()).isEqualTo(stored.people().stream().filter(p -> p.origin() == Origin.IMPORT).count());
    }

    @Test
    void aDeltaThatChangedNothingComparesOnlyTheGroups() {
        Snapshot school = SmallFamilies.school();
        sync(school);
        SyncRun unchanged = sync(school);
        // read: 3 students, 1 staff, 3 contacts, 5 links, 2 groups. Loaded: the 2 groups; the 4 members
        // are those kept from the last sync, and no digests are needed (the digest plan loads 10 rows).
        // Compared: no family (none touched), only the 2 groups, which are planned whole (the digest
        // plan compares 10 here: IncrementalSyncTest). Written: nothing.
        assertThat(unchanged.rows()).isEqualTo(new RowCounts(14, 2, 2, 0));

        SyncRun renamed = sync(SmallFamilies.contacts(school, c -> c.id().equals("c3")
                ? new Contact("c3", "Patricia", "Cole", c.emails(), c.telephones()) : c));
        // c3 is s3's contact alone: s3's family is loaded (its link, c3, c3's mobile, its one membership)
        // and compared with s3's member row and the 2 groups
        assertThat(renamed.rows()).isEqualTo(new RowCounts(14, 8, 6, 1));
    }

    @Test
    void anOptOutSinceTheLastSyncPlansByDigestsLoadedThen() {
        Snapshot school = SmallFamilies.school();
        sync(school);
        sync(school);
        store.preferences().setOptOut("small", new OptOut(OptOut.Kind.CONTACT, "c3"), true);
        SyncRun optedOut = sync(school);
        // the planner's inputs changed, so the kept snapshot cannot say which families that touched:
        // the whole base (4 members, 2 groups, 4 digests) is loaded after the light one (2 groups), then
        // s3's family (its link, c3, c3's mobile, its membership), and c3's mobile goes
        assertThat(List.of(optedOut.created(), optedOut.updated(), optedOut.removed())).containsExactly(0, 0, 1);
        assertThat(optedOut.rows().loaded()).isEqualTo(2 + 10 + 4);
        assertThat(fullLoads).as("no whole load").hasValue(1);
        assertThat(sync(school).rows().loaded()).as("and the next one is scoped again").isEqualTo(2);
    }

    @Test
    void aSyncByAnotherHostMeanwhileIsNotTakenForTheKeptOne() {
        Snapshot school = SmallFamilies.school();
        sync(school);
        DeltaMis elsewhere = new DeltaMis();
        elsewhere.next = SmallFamilies.students(school, s -> s.id().equals("s1")
                ? new Student("s1", null, "Anna", "Ash", "7", "7A", s.enrolment()) : s);
        SyncRun there = new SyncRunner("small", elsewhere, store, store.preferences(), store.deletions(),
                RunnerSettings.of(SETTINGS, ANY, ZoneId.of("Europe/London"), CLOCK)).run();
        assertThat(there.updated()).isEqualTo(1);
        // this host's kept snapshot and members are not what the store holds now: the token says so,
        // the whole base is loaded, and s1's name from this host's read goes back in
        SyncRun here = sync(school);
        assertThat(List.of(here.created(), here.updated(), here.removed())).containsExactly(0, 1, 0);
        assertThat(store.load("small").members()).filteredOn(m -> m.id().equals("s1")).extracting(Member::givenName)
                .containsExactly("Ann");
        assertThat(fullLoads).hasValue(1);
    }

    @Test
    void aBlockedDetailStaysBlockedThroughDeltasThatTouchItsFamily() {
        Snapshot school = SmallFamilies.school();
        sync(school);
        int blocked = 0;
        for (int i = 0; i < 5 && blocked == 0; i++) {
            blocked = store.preferences().recordDelivery("small", DetailKind.EMAIL, "meg@example.org", DeliveryFeedback.PERMANENT_BOUNCE);
        }
        assertThat(blocked).as("c1's email blocked by delivery feedback").isEqualTo(1);
        sync(school); // the feedback dropped the digests and the token: this sync loads the whole directory
        assertThat(fullLoads).hasValue(2);

        // c2 is s1's and s2's, as c1 is: the delta touches the family that holds the blocked email
        SyncRun renamed = sync(SmallFamilies.contacts(school, c -> c.id().equals("c2")
                ? new Contact("c2", "Daniel", "Ash", c.emails(), c.telephones()) : c));
        assertThat(List.of(renamed.created(), renamed.updated(), renamed.removed())).containsExactly(0, 1, 0);
        // a light base (2 groups, the blocked detail's data issue; the blocked detail itself is kept from the
        // last sync), then s1's and s2's families: 4 links, c1 and c2, their 3 details, 2 memberships
        assertThat(renamed.rows().loaded()).isEqualTo(3 + 11);
        DirectoryState now = store.load("small");
        assertThat(now.details()).filteredOn(d -> d.value().equals("meg@example.org")).extracting(ContactDetail::blocked)
                .containsExactly(true);
        assertThat(now.dataIssues()).anyMatch(i -> i.kind().equals("blocked-detail") && "c1".equals(i.personId()));
        assertKeptIsStored();
        assertThat(fullLoads).hasValue(2);
    }

    @Test
    void withDeltasOffNoSnapshotIsKeptAndTheDigestsPlanTheSync() {
        reader.deltas = false;
        Snapshot school = SmallFamilies.school();
        sync(school);
        assertThat(store.loadSyncBase("small").orElseThrow().syncToken()).isNull();
        assertThat(sync(school).rows().compared()).as("every digest compared").isEqualTo(10);
        assertThat(scopedLoads).hasValue(1);
    }
}
