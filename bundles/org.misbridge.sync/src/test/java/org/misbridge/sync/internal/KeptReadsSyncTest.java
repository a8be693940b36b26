package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.mis.oneroster.internal.CsvDeltas;
import org.misbridge.mis.oneroster.internal.KeptReads;
import org.misbridge.mis.oneroster.internal.Limits;
import org.misbridge.mis.oneroster.internal.OneRosterCsvReader;
import org.misbridge.store.jdbc.internal.JdbcDirectory;
import org.misbridge.sync.plan.DeletionThreshold;
import org.misbridge.sync.plan.ImportSettings;
import org.misbridge.testkit.MovableClock;
import org.misbridge.testkit.SchoolGenerator;

/**
 * Two large schools read with {@code oneroster.csv.deltas=auto} (the default) under a host budget
 * that holds one school's read: when one school's read is kept, the other's is let go, and with it
 * what its sync kept beside it; that school's next sync of unchanged files still reads nothing.
 */
class KeptReadsSyncTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @TempDir
    static Path dir;

    @BeforeAll
    static void schools() throws IOException {
        // 8,000 students each: past the 50,000 user and enrolment rows from which auto keeps a read
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-a", 8_000, 41L), dir.resolve("a"));
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-b", 8_000, 42L), dir.resolve("b"));
    }

    private final MovableClock clock = new MovableClock(SchoolGenerator.DEFAULT_TODAY.atTime(7, 0).toInstant(ZoneOffset.UTC));
    private final JdbcDirectory store = SchoolHarness.memoryStore();

    private SyncRunner runner(String school, KeptReads budget) {
        OneRosterCsvReader reader = new OneRosterCsvReader(school, dir.resolve(school), null, clock, Limits.defaults(),
                StandardCharsets.UTF_8, CsvDeltas.AUTO, budget);
        return new SyncRunner(school, reader, store, store.preferences(), store.deletions(),
                RunnerSettings.of(ImportSettings.defaults(), DeletionThreshold.defaults(), LONDON, clock));
    }

    private static SyncRun succeeded(SyncRun run) {
        assertThat(run.outcome()).as(run.message()).isEqualTo(SyncOutcome.SUCCESS);
        return run;
    }

    @Test
    void aReadLetGoForAnotherSchoolTakesTheSyncsKeptSnapshotWithItAndUnchangedFilesAreStillNotRead() throws IOException {
        // room for one school's read (each counted at 512 bytes a user and enrolment row), not two
        KeptReads budget = new KeptReads(rows(dir.resolve("a")) * 512 * 3 / 2);
        SyncRunner a = runner("a", budget);
        SyncRunner b = runner("b", budget);

        succeeded(a.run()); // the first read keeps nothing
        SameInputsTest.renameFirstStudent(dir.resolve("a/users.csv"), "Ada");
        assertThat(succeeded(a.run()).updated()).isOne(); // the second read of the day is kept
        assertThat(a.prior).as("a's sync keeps its snapshot beside the reader's read").isNotNull();

        succeeded(b.run());
        SameInputsTest.renameFirstStudent(dir.resolve("b/users.csv"), "Bea");
        assertThat(succeeded(b.run()).updated()).isOne(); // b's read kept: a's let go
        assertThat(budget.keptReads()).isOne();
        assertThat(b.prior).isNotNull();
        assertThat(a.prior).as("a's reader let its read go, and the sync what it kept beside it").isNull();

        // a's files as at its last sync: the inputs token stored then still says so, though a's read is gone
        SyncRun unchanged = succeeded(a.run());
        assertThat(unchanged.message()).startsWith("nothing to do:");
        assertThat(unchanged.rows().read()).isZero();
    }

    /** User and enrolment rows, counted apart from the reader: the lines of users.csv and enrollments.csv after their headers. */
    private static long rows(Path school) throws IOException {
        long rows = 0;
        for (String file : new String[] {"users.csv", "enrollments.csv"}) {
            try (Stream<String> lines = Files.lines(school.resolve(file), StandardCharsets.UTF_8)) {
                rows += lines.count() - 1;
            }
        }
        return rows;
    }
}
