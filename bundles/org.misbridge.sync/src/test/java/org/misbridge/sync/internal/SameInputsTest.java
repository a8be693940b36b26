package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.Changes;
import org.misbridge.api.directory.DirectoryGroup;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.directory.RowCounts;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.model.GroupKind;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.spi.FingerprintedReader;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.mis.oneroster.internal.Limits;
import org.misbridge.mis.oneroster.internal.OneRosterCsvReader;
import org.misbridge.store.jdbc.internal.JdbcDirectory;
import org.misbridge.sync.plan.DeletionThreshold;
import org.misbridge.sync.plan.ImportSettings;
import org.misbridge.testkit.MovableClock;
import org.misbridge.testkit.SchoolGenerator;

/**
 * Issue 21: a sync whose files, settings and day are the last sync's, over rows nothing else has
 * written since, reads nothing and writes nothing but its run; a change to any of them is read.
 */
class SameInputsTest {

    private static final String SCHOOL = "same";
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final String NOTHING_TO_DO = "nothing to do:";

    @TempDir
    Path dir;
    private JdbcDirectory store;
    private MovableClock clock;

    @BeforeEach
    void school() throws IOException {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-same", 200, 11L), dir);
        store = SchoolHarness.memoryStore();
        clock = new MovableClock(SchoolGenerator.DEFAULT_TODAY.atTime(7, 0).toInstant(ZoneOffset.UTC));
    }

    private SyncRunner runner(ImportSettings settings, FingerprintedReader reader) {
        return new SyncRunner(SCHOOL, reader, store, store.preferences(), store.deletions(),
                RunnerSettings.of(settings, DeletionThreshold.defaults(), LONDON, clock));
    }

    private SyncRunner runner() {
        return runner(ImportSettings.defaults(), csv());
    }

    private OneRosterCsvReader csv() {
        return new OneRosterCsvReader(SCHOOL, dir, null, clock, Limits.defaults());
    }

    private static SyncRun succeeded(SyncRun run) {
        assertThat(run.outcome()).as(run.message()).isEqualTo(SyncOutcome.SUCCESS);
        return run;
    }

    private static boolean skipped(SyncRun run) {
        return run.message() != null && run.message().startsWith(NOTHING_TO_DO);
    }

    @Test
    void aSecondSyncOfTheSameFilesReadsNothingAndChangesNothing() {
        SyncRunner runner = runner();
        SyncRun first = succeeded(runner.run());
        assertThat(first.created()).isPositive();
        var before = store.load(SCHOOL);
        List<String> steps = new ArrayList<>();

        SyncRun second = succeeded(runner.run(SyncOptions.normal(), steps::add));

        assertThat(skipped(second)).as(second.message()).isTrue();
        assertThat(second.rows()).isEqualTo(new RowCounts(0, 0, 0, 0));
        assertThat(List.of(second.created(), second.updated(), second.removed())).containsOnly(0);
        assertThat(steps).singleElement().asString().startsWith("read nothing: the files hash as at the last sync");
        assertThat(store.load(SCHOOL)).isEqualTo(before);
        assertThat(store.lastRun(SCHOOL)).contains(second);
        // a skipped sync leaves the stored token as it was: the one after it is skipped too
        assertThat(skipped(succeeded(runner().run()))).isTrue();
    }

    @Test
    void oneChangedNameIsReadAndWrittenAloneAndThenTheNewFilesAreTheSame() throws IOException {
        SyncRunner runner = runner();
        succeeded(runner.run());
        renameFirstStudent(dir.resolve("users.csv"), "Zebedee");

        SyncRun changed = succeeded(runner.run());

        assertThat(skipped(changed)).isFalse();
        assertThat(List.of(changed.created(), changed.updated(), changed.removed())).containsExactly(0, 1, 0);
        assertThat(store.load(SCHOOL).members()).anyMatch(m -> m.givenName().equals("Zebedee"));
        assertThat(skipped(succeeded(runner.run()))).isTrue();
    }

    @Test
    void anotherDayOtherSettingsADryRunAndAForcedRunAllReadAndPlan() {
        succeeded(runner().run());

        clock.advance(Duration.ofDays(1));
        SyncRun nextDay = succeeded(runner().run());
        assertThat(skipped(nextDay)).as("the day is one of the plan's inputs").isFalse();
        assertThat(nextDay.rows().read()).isPositive();
        assertThat(skipped(succeeded(runner().run()))).isTrue();

        ImportSettings d = ImportSettings.defaults();
        ImportSettings noEmails = new ImportSettings(d.importPreAdmissions(), d.activeGroupsOnly(), d.primePriorities(),
                d.maxPriority(), d.requireParentalResponsibility(), d.unknownResponsibilityCounts(), false, d.importMobiles());
        SyncRun otherSettings = succeeded(runner(noEmails, csv()).run());
        assertThat(skipped(otherSettings)).isFalse();
        assertThat(otherSettings.removed()).as("the emails go").isPositive();

        SyncRun dry = runner(noEmails, csv()).run(new SyncOptions(true, false));
        assertThat(dry.outcome()).isEqualTo(SyncOutcome.DRY_RUN);
        SyncRun forced = succeeded(runner(noEmails, csv()).run(new SyncOptions(false, true)));
        assertThat(skipped(forced)).isFalse();
        assertThat(forced.rows().read()).isPositive();
        assertThat(skipped(succeeded(runner(noEmails, csv()).run()))).as("a forced run keeps a token like any other").isTrue();
    }

    @Test
    void aHandEditMakesTheNextSyncRead() {
        succeeded(runner().run());
        store.edit(SCHOOL, new ChangeSet(Changes.none(), Changes.none(), Changes.none(), Changes.none(),
                new Changes<>(List.of(new DirectoryGroup("club", "Chess club", GroupKind.OTHER, true, Origin.MANUAL)),
                        List.of(), List.of()), Changes.none(), List.of()));

        SyncRun afterEdit = succeeded(runner().run());

        assertThat(skipped(afterEdit)).isFalse();
        assertThat(afterEdit.rows().read()).isPositive();
    }

    /**
     * A file rewritten while the sync read it: the rows were made from the old bytes, so no token
     * may describe the new ones, or the next sync would take them as already applied.
     */
    @Test
    void aFileRewrittenDuringTheReadIsReadAgainByTheNextSync() {
        AtomicBoolean rewrite = new AtomicBoolean(true);
        OneRosterCsvReader csv = csv();
        FingerprintedReader rewrittenDuringRead = new FingerprintedReader() {
            @Override
            public String kind() {
                return csv.kind();
            }

            @Override
            public Snapshot read() throws MisReadException {
                Snapshot read = csv.read();
                if (rewrite.getAndSet(false)) {
                    try {
                        renameFirstStudent(dir.resolve("users.csv"), "Zebedee");
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return read;
            }

            @Override
            public @Nullable String stamp() throws MisReadException {
                return csv.stamp();
            }

            @Override
            public @Nullable String fingerprint() throws MisReadException {
                return csv.fingerprint();
            }
        };
        SyncRunner runner = runner(ImportSettings.defaults(), rewrittenDuringRead);
        succeeded(runner.run());

        SyncRun next = succeeded(runner.run());

        assertThat(skipped(next)).as(next.message()).isFalse();
        assertThat(List.of(next.created(), next.updated(), next.removed())).containsExactly(0, 1, 0);
    }

    /** Gives the first student in users.csv another given name, and moves the file's time on as a write does. */
    static void renameFirstStudent(Path users, String name) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(users, StandardCharsets.UTF_8));
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        int role = header.indexOf("role");
        int given = header.indexOf("givenName");
        for (int i = 1; i < lines.size(); i++) {
            String[] fields = lines.get(i).split(",", -1);
            if (!lines.get(i).contains("\"") && fields.length == header.size() && fields[role].equals("student")) {
                fields[given] = name;
                lines.set(i, String.join(",", fields));
                Files.write(users, lines, StandardCharsets.UTF_8);
                FileTime was = Files.getLastModifiedTime(users);
                Files.setLastModifiedTime(users, FileTime.fromMillis(was.toMillis() + 2_000));
                return;
            }
        }
        throw new IllegalStateException("no plain student row in " + users);
    }
}
