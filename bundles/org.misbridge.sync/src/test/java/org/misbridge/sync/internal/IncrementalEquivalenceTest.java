package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.OptOut;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Student;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.mis.oneroster.internal.Limits;
import org.misbridge.mis.oneroster.internal.OneRosterCsvReader;
import org.misbridge.store.jdbc.internal.JdbcDirectory;
import org.misbridge.testkit.SchoolGenerator;
import org.misbridge.sync.plan.ImportSettings;
import org.misbridge.sync.plan.SyncPlanner;

/**
 * A generated school changed at random, round after round: each round the plan that loads only the
 * changed members makes the same change set as the plan of the whole directory, and once applied the
 * next round starts from the digests it wrote.
 */
class IncrementalEquivalenceTest {

    private static final LocalDate TODAY = SchoolGenerator.DEFAULT_TODAY;
    private static final Clock CLOCK = Clock.fixed(TODAY.atTime(7, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    private static final ImportSettings SETTINGS = new ImportSettings(true, false, Set.of(1), 3, false, true, true, true);

    @Test
    void randomChangesPlanAsTheWholeDirectoryDoes(@TempDir Path dir) throws IOException, MisReadException {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-r", 300, 5L), dir);
        Snapshot snapshot = new OneRosterCsvReader("rand", dir, null, CLOCK, Limits.defaults()).read();
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcDirectory store = new JdbcDirectory(ds);
        store.migrate();
        apply(store, snapshot, Set.of(), true);
        Random random = new Random(21);
        Set<OptOut> optOuts = new HashSet<>();
        Map<String, Student> gone = new HashMap<>();
        for (int round = 0; round < 12; round++) {
            snapshot = RandomDeltas.change(snapshot, random, gone);
            if (round == 4) { // opt-outs are the planner's input, not the store's rows: the digests still hold
                optOuts.add(new OptOut(OptOut.Kind.STUDENT, snapshot.students().get(7).id()));
                optOuts.add(new OptOut(OptOut.Kind.CONTACT, snapshot.links().get(3).contactId()));
            }
            apply(store, snapshot, optOuts, false);
        }
    }

    private static void apply(JdbcDirectory store, Snapshot snapshot, Set<OptOut> optOuts, boolean first) {
        ChangeSet whole = planner(optOuts).plan(snapshot, store.load("rand"));
        IncrementalPlan.Loaded loaded = first ? new IncrementalPlan.Loaded(null, store.load("rand"))
                : new IncrementalPlan.Loaded(store.loadSyncBase("rand").orElseThrow(), null);
        IncrementalPlan.Planned planned = IncrementalPlan.plan(store, "rand", planner(optOuts), snapshot, loaded, false, null);
        assertThat(planned.incremental()).isEqualTo(!first);
        IncrementalSyncTest.assertSameChanges(planned.changes(), whole);
        SyncRun run = new SyncRun(CLOCK.instant(), CLOCK.instant(), SyncOutcome.SUCCESS, 0, 0, 0, null);
        store.applySync("rand", planned.changes(), run, List.of(), CLOCK, step -> { }, null, planned.digests());
        assertThat(planner(optOuts).plan(snapshot, store.load("rand")).isEmpty()).as("applied in full").isTrue();
    }

    private static SyncPlanner planner(Set<OptOut> optOuts) {
        return new SyncPlanner(SETTINGS, TODAY, Set.of(), optOuts, Set.of(), List.of());
    }
}
