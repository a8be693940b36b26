package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.Directory;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.mis.oneroster.internal.Limits;
import org.misbridge.mis.oneroster.internal.OneRosterCsvReader;
import org.misbridge.store.jdbc.internal.JdbcDirectory;
import org.misbridge.sync.plan.DeletionThreshold;
import org.misbridge.sync.plan.ImportSettings;
import org.misbridge.testkit.MovableClock;
import org.misbridge.testkit.SchoolGenerator;

/** A run's times span the whole sync, the write included (issue 19, item 8): what an operator sees is the wall clock. */
class SyncRunTimingTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void aRunFinishesWhenItsWriteHasEndedAndRecordsThat(@TempDir Path dir) throws Exception {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-t", 200, 5L), dir);
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcDirectory store = new JdbcDirectory(ds);
        store.migrate();
        // moves only when told: here, by the store's write
        MovableClock clock = new MovableClock(SchoolGenerator.DEFAULT_TODAY.atTime(7, 0).toInstant(ZoneOffset.UTC));
        // the real store, whose write of a sync "takes" seven seconds on the clock
        Directory slowWrite = (Directory) java.lang.reflect.Proxy.newProxyInstance(Directory.class.getClassLoader(),
                new Class<?>[] {Directory.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("apply")) {
                        clock.advance(Duration.ofSeconds(7));
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        List<String> steps = new ArrayList<>();
        SyncRunner runner = new SyncRunner("timed", new OneRosterCsvReader("timed", dir, null, clock, Limits.defaults()),
                slowWrite, store.preferences(), store.deletions(), RunnerSettings.of(ImportSettings.defaults(), DeletionThreshold.defaults(), LONDON, clock));

        SyncRun run = runner.run(SyncOptions.normal(), steps::add);

        assertThat(run.outcome()).as(run.message()).isEqualTo(SyncOutcome.SUCCESS);
        assertThat(Duration.between(run.startedAt(), run.finishedAt())).isEqualTo(Duration.ofSeconds(7));
        assertThat(store.lastRun("timed")).contains(run);
        assertThat(steps).last().asString().isEqualTo("applied in 7.0 s");
    }

    /** Issue 19, item 7: a large school's write is not silent; here the store is told to report after every batch. */
    @Test
    void theWriteSaysHowFarItGotWhileItLasts(@TempDir Path dir) throws Exception {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-p", 1500, 6L), dir);
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcDirectory store = new JdbcDirectory(ds).progressEvery(Duration.ZERO);
        store.migrate();
        Clock clock = Clock.fixed(SchoolGenerator.DEFAULT_TODAY.atTime(7, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        List<String> steps = new ArrayList<>();
        SyncRunner runner = new SyncRunner("large", new OneRosterCsvReader("large", dir, null, clock, Limits.defaults()),
                store, store.preferences(), store.deletions(), RunnerSettings.of(ImportSettings.defaults(), DeletionThreshold.defaults(), LONDON, clock));

        SyncRun run = runner.run(SyncOptions.normal(), steps::add);

        assertThat(run.outcome()).as(run.message()).isEqualTo(SyncOutcome.SUCCESS);
        int planned = steps.indexOf(steps.stream().filter(s -> s.startsWith("planned ")).findFirst().orElseThrow());
        List<String> writing = steps.subList(planned + 1, steps.size() - 2);
        long total = run.created();
        // and said when all was written and the commit began (a large one takes seconds of its own)
        assertThat(steps.get(steps.size() - 2)).isEqualTo(String.format(java.util.Locale.ROOT,
                "applying: all %,d row changes written, committing", total));
        // every 1,000-row batch said so, in order, between the plan and the end of the apply
        assertThat(writing).hasSizeGreaterThanOrEqualTo((int) (total / 1000));
        long previous = 0;
        for (String step : writing) {
            assertThat(step).matches("applying: [0-9,]+ of [0-9,]+ row changes written \\(now [a-z_ ]+\\)");
            long done = Long.parseLong(step.substring("applying: ".length(), step.indexOf(" of ")).replace(",", ""));
            assertThat(done).isGreaterThan(previous);
            previous = done;
        }
        assertThat(steps.get(steps.size() - 1)).startsWith("applied in ");
    }
}
