package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.Directory;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.SchoolCounts;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.spi.MisReader;
import org.misbridge.mis.oneroster.internal.Limits;
import org.misbridge.mis.oneroster.internal.OneRosterCsvReader;
import org.misbridge.store.jdbc.internal.JdbcDirectory;
import org.misbridge.sync.plan.DeletionThreshold;
import org.misbridge.sync.plan.ImportSettings;
import org.misbridge.sync.plan.Pause;
import org.misbridge.testkit.GeneratedSchool;
import org.misbridge.testkit.SchoolGenerator;

/** A whole sync with the real OneRoster reader and the real store on H2: nothing stands in for either. */
class SyncRunnerTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final LocalDate TODAY = SchoolGenerator.DEFAULT_TODAY;
    private static final Clock CLOCK = Clock.fixed(TODAY.atTime(7, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    private JdbcDirectory directory;

    @BeforeEach
    void freshStore() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcDirectory jdbc = new JdbcDirectory(ds);
        jdbc.migrate();
        directory = jdbc;
    }

    private SyncRunner runner(String school, Path csv, ImportSettings settings) {
        MisReader reader = new OneRosterCsvReader(school, csv, null, CLOCK, Limits.defaults());
        return new SyncRunner(school, reader, directory, directory.preferences(), directory.deletions(), RunnerSettings.of(settings, DeletionThreshold.defaults(), LONDON, CLOCK));
    }

    @Test
    void aGeneratedSchoolSyncsToTheGeneratorsCountsAndASecondSyncChangesNothing(@TempDir Path dir) throws IOException {
        GeneratedSchool school = SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-g", 400, 11L), dir);
        ImportSettings withPreAdmissions = new ImportSettings(true, false, java.util.Set.of(1), 3, false, true, true, true);
        SyncRunner runner = runner("greenfield", dir, withPreAdmissions);

        SyncRun first = runner.run();
        // forced, so it reads and plans again (unforced, the same files would be skipped on the stored token)
        SyncRun second = runner.run(new SyncOptions(false, true));

        assertThat(first.outcome()).as(first.message()).isEqualTo(SyncOutcome.SUCCESS);
        SchoolCounts counts = directory.counts("greenfield");
        assertThat(counts.students()).isEqualTo(school.onRoll());
        assertThat(counts.preAdmissions()).isEqualTo(school.preAdmissions());
        assertThat(counts.leavers()).isEqualTo(school.leavers());
        assertThat(counts.staff()).isEqualTo(school.staff());
        assertThat(counts.contacts()).isEqualTo(school.contacts());
        assertThat(counts.primeParents()).isEqualTo(school.primeParents());
        assertThat(counts.groups()).isEqualTo(school.classes());
        assertThat(counts.dataIssues()).isEqualTo(school.invalidEmails() + school.invalidMobiles());
        assertThat(second.outcome()).isEqualTo(SyncOutcome.SUCCESS);
        assertThat(List.of(second.created(), second.updated(), second.removed())).containsOnly(0);
    }

    /** The real directory, with its {@code load} preceded by {@code beforeLoad}. */
    private Directory loadingThrough(Runnable beforeLoad) {
        Directory real = directory;
        return (Directory) java.lang.reflect.Proxy.newProxyInstance(Directory.class.getClassLoader(),
                new Class<?>[] {Directory.class}, (proxy, method, args) -> {
                    if (method.getName().equals("load")) {
                        beforeLoad.run();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void theDirectoryLoadsWhileTheMisIsRead(@TempDir Path dir) throws Exception {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-g", 200, 3L), dir);
        java.util.concurrent.CountDownLatch loading = new java.util.concurrent.CountDownLatch(1);
        MisReader csv = new OneRosterCsvReader("greenfield", dir, null, CLOCK, Limits.defaults());
        // a read that finishes only once the load has begun: a load after the read would never come
        MisReader waitsForTheLoad = new MisReader() {
            @Override
            public String kind() {
                return csv.kind();
            }

            @Override
            public org.misbridge.api.model.Snapshot read() throws org.misbridge.api.spi.MisReadException {
                try {
                    if (!loading.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the directory was not loading while the MIS was read");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return csv.read();
            }
        };
        SyncRunner runner = new SyncRunner("greenfield", waitsForTheLoad, loadingThrough(loading::countDown), directory.preferences(), directory.deletions(),
                RunnerSettings.of(ImportSettings.defaults(), DeletionThreshold.defaults(), LONDON, CLOCK));

        SyncRun run = runner.run();

        assertThat(run.outcome()).as(run.message()).isEqualTo(SyncOutcome.SUCCESS);
        assertThat(run.created()).isPositive();
    }

    @Test
    void aLoadThatFailsFailsTheSyncWithTheStoresErrorAndAppliesNothing(@TempDir Path dir) throws IOException {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-g", 120, 5L), dir);
        MisReader reader = new OneRosterCsvReader("greenfield", dir, null, CLOCK, Limits.defaults());
        SyncRunner runner = new SyncRunner("greenfield", reader, loadingThrough(() -> {
            throw new IllegalStateException("the store is down");
        }), directory.preferences(), directory.deletions(), RunnerSettings.of(ImportSettings.defaults(), DeletionThreshold.defaults(), LONDON, CLOCK));

        SyncRun run = runner.run();

        assertThat(run.outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(run.message()).contains("the store is down");
        assertThat(directory.counts("greenfield").students()).isZero();
        assertThat(directory.lastRun("greenfield")).get().extracting(SyncRun::outcome).isEqualTo(SyncOutcome.FAILED);
    }

    @Test
    void aBrokenFileFailsTheSyncWithFileRowAndColumnAndLeavesTheDirectoryAsItWas(@TempDir Path dir) throws IOException {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-g", 120, 5L), dir);
        SyncRunner runner = runner("greenfield", dir, ImportSettings.defaults());
        assertThat(runner.run().outcome()).isEqualTo(SyncOutcome.SUCCESS);
        DirectoryState before = directory.load("greenfield");

        Path enrollments = dir.resolve("enrollments.csv");
        List<String> lines = Files.readAllLines(enrollments);
        lines.set(3, lines.get(3).replaceFirst("\\d{4}-\\d{2}-\\d{2}", "not-a-date"));
        Files.write(enrollments, lines);
        SyncRun failed = runner.run();

        assertThat(failed.outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(failed.message()).contains("enrollments.csv", "row 4", "beginDate");
        assertThat(directory.load("greenfield")).isEqualTo(before);
        assertThat(directory.lastRun("greenfield")).get().extracting(SyncRun::outcome).isEqualTo(SyncOutcome.FAILED);
    }

    @Test
    void anEmptyRollForASchoolThatHadStudentsIsABrokenReadNotEveryoneLeaving(@TempDir Path dir) throws IOException {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-g", 60, 3L), dir);
        SyncRunner runner = runner("greenfield", dir, ImportSettings.defaults());
        runner.run();
        DirectoryState before = directory.load("greenfield");
        Path users = dir.resolve("users.csv");
        Files.writeString(users, Files.readAllLines(users).get(0) + "\r\n");

        SyncRun run = runner.run();

        assertThat(run.outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(run.message()).contains("no students");
        assertThat(directory.load("greenfield")).isEqualTo(before);
    }

    @Test
    void aMassRemovalIsRefusedWholeWithADataIssueAndForceApprovesItOnce(@TempDir Path dir) throws IOException {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-g", 300, 21L), dir);
        SyncRunner runner = runner("greenfield", dir, ImportSettings.defaults());
        runner.run();
        DirectoryState before = directory.load("greenfield");
        // the MIS now returns only part of the roll, as after a botched server move (a tenth or less
        // would be a near-empty read, which fails: SmallSchoolThresholdTest)
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-g", 90, 21L), dir);

        SyncRun refused = runner.run();

        assertThat(refused.outcome()).isEqualTo(SyncOutcome.REFUSED);
        assertThat(refused.message()).contains("deletion threshold", "students", "--force");
        DirectoryState after = directory.load("greenfield");
        assertThat(after.members()).isEqualTo(before.members());
        assertThat(after.links()).isEqualTo(before.links());
        assertThat(after.dataIssues()).anyMatch(i -> i.kind().equals("deletion-threshold"));

        SyncRun forced = runner.run(new org.misbridge.api.SyncOptions(false, true));

        assertThat(forced.outcome()).isEqualTo(SyncOutcome.SUCCESS);
        assertThat(forced.message()).contains("approved past the deletion threshold");
        assertThat(directory.counts("greenfield").leavers()).isGreaterThan(directory.counts("greenfield").students());
        assertThat(directory.dataIssues("greenfield")).noneMatch(i -> i.kind().equals("deletion-threshold"));
        assertThat(runner.run().outcome()).as("the approval was for one run; the next sees no change").isEqualTo(SyncOutcome.SUCCESS);
    }

    @Test
    void aDryRunReportsTheChangeSetAndAppliesNothing(@TempDir Path dir) throws IOException {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-g", 80, 4L), dir);
        SyncRunner runner = runner("greenfield", dir, ImportSettings.defaults());

        SyncRun dry = runner.run(new org.misbridge.api.SyncOptions(true, false));

        assertThat(dry.outcome()).isEqualTo(SyncOutcome.DRY_RUN);
        assertThat(dry.message()).contains("members: ", "contact details: ", "members created: org-g-stu-")
                .containsPattern("and \\d+ more");
        assertThat(directory.load("greenfield")).isEqualTo(DirectoryState.empty("greenfield"));
        assertThat(directory.lastRun("greenfield")).isEmpty();
        SyncRun real = runner.run();
        assertThat(List.of(real.created(), real.updated(), real.removed()))
                .containsExactly(dry.created(), dry.updated(), dry.removed());
    }

    @Test
    void aPausedSchoolReadsAndChangesNothing(@TempDir Path dir) throws IOException {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-g", 40, 4L), dir);
        MisReader reader = new OneRosterCsvReader("greenfield", dir, null, CLOCK, Limits.defaults());
        SyncRunner paused = new SyncRunner("greenfield", reader, directory, directory.preferences(), directory.deletions(), RunnerSettings.of(ImportSettings.defaults(),
                DeletionThreshold.defaults(), LONDON, CLOCK).withPaused(java.util.Set.of(Pause.ALL)));

        SyncRun run = paused.run();

        assertThat(run.outcome()).isEqualTo(SyncOutcome.PAUSED);
        assertThat(run.message()).contains("school:resume greenfield");
        assertThat(directory.load("greenfield")).isEqualTo(DirectoryState.empty("greenfield"));
    }

    @Test
    void anOptOutStoredInTheDirectoryTakesEffectAtTheNextSyncAndOptInUndoesIt(@TempDir Path dir) throws IOException {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-g", 60, 8L), dir);
        SyncRunner runner = runner("greenfield", dir, ImportSettings.defaults());
        runner.run();
        org.misbridge.api.directory.Link first = directory.load("greenfield").links().get(0);
        org.misbridge.api.directory.OptOut student =
                new org.misbridge.api.directory.OptOut(org.misbridge.api.directory.OptOut.Kind.STUDENT, first.memberId());

        directory.preferences().setOptOut("greenfield", student, true);
        runner.run();
        assertThat(directory.load("greenfield").links()).noneMatch(l -> l.memberId().equals(first.memberId()));

        directory.preferences().setOptOut("greenfield", student, false);
        runner.run();
        assertThat(directory.load("greenfield").links()).contains(first);
    }

    @Test
    void theRealFullOneRosterSetSyncsAndIsIdempotent() {
        Path shared = Path.of(System.getProperty("misbridge.shared.data", "../../../shared/data"), "oneroster", "v1p1-full");
        assumeTrue(Files.isDirectory(shared), "shared data folder ../shared/data is absent");
        SyncRunner runner = runner("real", shared, ImportSettings.defaults());

        SyncRun first = runner.run();
        // forced, so it reads and plans again (unforced, the same files would be skipped on the stored token)
        SyncRun second = runner.run(new SyncOptions(false, true));

        assertThat(first.outcome()).as(first.message()).isEqualTo(SyncOutcome.SUCCESS);
        SchoolCounts counts = directory.counts("real");
        // Mary Jones's only parent is Thomas Jones (linked from his own row); two teachers
        assertThat(counts.primeParents()).isEqualTo(1);
        assertThat(counts.staff()).isEqualTo(2);
        assertThat(counts.students() + counts.leavers()).isEqualTo(3);
        assertThat(List.of(second.created(), second.updated(), second.removed())).containsOnly(0);
    }

    @Test
    void schoolsNeverSeeEachOthersRows(@TempDir Path dir) throws IOException {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-g", 50, 1L), dir.resolve("a"));
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-h", 80, 2L), dir.resolve("b"));
        runner("alpha", dir.resolve("a"), ImportSettings.defaults()).run();
        SchoolCounts alpha = directory.counts("alpha");

        runner("beta", dir.resolve("b"), ImportSettings.defaults()).run();

        assertThat(directory.counts("alpha")).isEqualTo(alpha);
        assertThat(directory.load("beta").members()).noneMatch(m -> directory.load("alpha").members().contains(m));
    }

    @Test
    void aReaderForAnotherSchoolIsRefused(@TempDir Path dir) throws IOException {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-g", 20, 1L), dir);
        MisReader other = new MisReader() {
            @Override
            public String kind() {
                return "test";
            }

            @Override
            public org.misbridge.api.model.Snapshot read() throws org.misbridge.api.spi.MisReadException {
                return new OneRosterCsvReader("someone-else", dir, null, CLOCK, Limits.defaults()).read();
            }
        };

        SyncRun run = new SyncRunner("mine", other, directory, directory.preferences(), directory.deletions(), RunnerSettings.of(ImportSettings.defaults(), DeletionThreshold.defaults(), LONDON, CLOCK))
                .run();

        assertThat(run.outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(directory.counts("mine").students()).isZero();
        assertThat(directory.counts("someone-else").students()).isZero();
    }

}
