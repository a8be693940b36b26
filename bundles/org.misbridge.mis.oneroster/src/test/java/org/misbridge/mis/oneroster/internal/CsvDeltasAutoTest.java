package org.misbridge.mis.oneroster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.testkit.MovableClock;
import org.misbridge.testkit.SchoolGenerator;

/**
 * {@code oneroster.csv.deltas=auto}, the default: a school's first read after a start keeps nothing;
 * from its second, a school of {@link CsvDeltas#AUTO_FROM_ROWS} user and enrolment rows or more
 * keeps its read within the host's budget, and reads again only what changed; a smaller school, or
 * one the budget cannot hold, reads every file each time. Whatever is kept or dropped, each read
 * holds what a fresh whole read of the same files (deltas off) holds.
 */
class CsvDeltasAutoTest {

    // two large schools written once for the class (the generator takes a second or so each); each test copies its own
    @TempDir
    static Path generated;

    @TempDir
    Path temp;

    private MovableClock clock;
    private Path large;

    @BeforeAll
    static void generate() throws Exception {
        // 8,000 students: some 52,000 user and enrolment rows, past 50,000 (checked below)
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-auto", 8_000, 31L), generated.resolve("large"));
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-other", 8_000, 33L), generated.resolve("other"));
    }

    @BeforeEach
    void largeSchool() throws Exception {
        clock = new MovableClock(SchoolGenerator.DEFAULT_TODAY.atTime(9, 0).toInstant(ZoneOffset.UTC));
        large = copy("large");
        assertThat(rows(large)).isGreaterThanOrEqualTo(CsvDeltas.AUTO_FROM_ROWS);
    }

    private Path copy(String school) throws IOException {
        Path to = Files.createDirectories(temp.resolve(school));
        try (var files = Files.list(generated.resolve(school))) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    private OneRosterCsvReader auto(Path path, KeptReads budget) {
        return new OneRosterCsvReader("auto-school", path, null, clock, Limits.defaults(), StandardCharsets.UTF_8,
                CsvDeltas.AUTO, budget);
    }

    private Snapshot wholeRead(Path path) throws Exception {
        return new OneRosterCsvReader("auto-school", path, null, clock, Limits.defaults()).read();
    }

    @Test
    void aLargeSchoolKeepsItsReadFromTheSecondAndThenReadsOnlyWhatChanged() throws Exception {
        KeptReads budget = new KeptReads(1L << 30);
        OneRosterCsvReader reader = auto(large, budget);
        assertThat(reader.readsDeltas()).isFalse();
        Snapshot first = reader.read();
        assertThat(reader.kept()).isNull(); // nothing kept from a first read
        assertThat(reader.readsDeltas()).isFalse();
        assertThat(budget.usedBytes()).isZero();

        Snapshot second = reader.read();
        assertThat(reader.kept()).isNotNull();
        assertThat(reader.readsDeltas()).isTrue();
        assertThat(budget.usedBytes()).isEqualTo(rows(large) * KeptReads.BYTES_PER_ROW);
        assertSameRecords(second, first);

        assertThat(reader.read()).isSameAs(second); // files as they were: the kept snapshot, unread
        String renamed = rename(large, second.students().get(7).id());
        Snapshot third = reader.read();
        assertThat(third.students()).filteredOn(s -> s.id().equals(renamed)).singleElement()
                .satisfies(s -> assertThat(s.familyName()).isEqualTo("Renamed"));
        assertThat(third.students().get(0)).isSameAs(second.students().get(0)); // only the renamed student made again
        assertSameRecords(third, wholeRead(large));

        // a read that fails keeps nothing and frees its share; the next good one reads every file and is kept again
        Path users = large.resolve("users.csv");
        byte[] good = Files.readAllBytes(users);
        Files.writeString(users, "sourcedId,status\r\nu1,active\r\n", StandardCharsets.UTF_8);
        assertThatThrownBy(reader::read).isInstanceOf(MisReadException.class).hasMessageContaining("users.csv");
        assertThat(reader.kept()).isNull();
        assertThat(budget.usedBytes()).isZero();
        Files.write(users, good);
        assertSameRecords(reader.read(), third);
        assertThat(budget.usedBytes()).isEqualTo(rows(large) * KeptReads.BYTES_PER_ROW);

        reader.close();
        assertThat(reader.kept()).isNull();
        assertThat(budget.usedBytes()).isZero();
    }

    @Test
    void aSchoolReadOnceADayKeepsNothingAndOneReadTwiceInADayKeepsFromTheSecond() throws Exception {
        KeptReads budget = new KeptReads(1L << 30);
        OneRosterCsvReader reader = auto(large, budget);
        for (int day = 0; day < 3; day++) {
            reader.read(); // a kept read is used only on its own day: keeping one now would hold it unused
            assertThat(reader.kept()).as("day %d", day).isNull();
            clock.advance(java.time.Duration.ofDays(1));
        }
        reader.read();
        assertThat(reader.kept()).isNull(); // the first read of this day
        reader.read();
        assertThat(reader.kept()).isNotNull(); // its second
        assertThat(budget.keptReads()).isOne();
    }

    @Test
    void aSmallSchoolNeverKeepsItsRead() throws Exception {
        Path small = temp.resolve("small");
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-small", 600, 32L), small);
        KeptReads budget = new KeptReads(1L << 30);
        OneRosterCsvReader reader = auto(small, budget);
        for (int i = 0; i < 3; i++) {
            reader.read();
            assertThat(reader.kept()).isNull();
            assertThat(reader.readsDeltas()).isFalse();
        }
        String renamed = rename(small, reader.read().students().get(3).id());
        Snapshot after = reader.read();
        assertThat(after.students()).filteredOn(s -> s.id().equals(renamed)).singleElement()
                .satisfies(s -> assertThat(s.familyName()).isEqualTo("Renamed"));
        assertThat(budget.usedBytes()).isZero();
    }

    @Test
    void aSchoolLargerThanTheWholeBudgetReadsEveryFileEachTime() throws Exception {
        KeptReads budget = new KeptReads(rows(large) * KeptReads.BYTES_PER_ROW - 1);
        OneRosterCsvReader reader = auto(large, budget);
        reader.read();
        reader.read();
        assertThat(reader.kept()).isNull();
        assertThat(reader.readsDeltas()).isFalse();
        assertThat(budget.usedBytes()).isZero();
    }

    @Test
    void aReadLetGoForAnotherSchoolBeforeItWasUsedMakesThatSchoolReadWholeAndKeepNothingForTheRestOfTheDay()
            throws Exception {
        Path other = copy("other");
        // room for one of the two schools' reads, not both
        KeptReads budget = new KeptReads(Math.max(rows(large), rows(other)) * KeptReads.BYTES_PER_ROW + 1);
        OneRosterCsvReader a = auto(large, budget);
        OneRosterCsvReader b = new OneRosterCsvReader("other-school", other, null, clock, Limits.defaults(),
                StandardCharsets.UTF_8, CsvDeltas.AUTO, budget);
        a.read();
        Snapshot kept = a.read();
        assertThat(a.readsDeltas()).isTrue();
        b.read();
        Snapshot bKept = b.read();
        assertThat(b.readsDeltas()).isTrue();
        assertThat(a.kept()).isNull(); // dropped for b's: a's was used longest ago
        assertThat(a.readsDeltas()).isFalse();
        assertThat(budget.keptReads()).isEqualTo(1);

        String renamed = rename(large, kept.students().get(11).id());
        Snapshot again = a.read(); // every file read
        assertThat(again.students()).filteredOn(s -> s.id().equals(renamed)).singleElement()
                .satisfies(s -> assertThat(s.familyName()).isEqualTo("Renamed"));
        assertSameRecords(again, wholeRead(large));
        // and not kept: a's reads could not outlast the time between its reads today, and keeping this
        // one would only let b's go before b's next read could use it
        assertThat(a.kept()).isNull();
        assertThat(a.readsDeltas()).isFalse();
        assertThat(b.readsDeltas()).isTrue();
        assertThat(b.read()).isSameAs(bKept); // b's files as they were: its kept snapshot, unread
        assertSameRecords(a.read(), again);
        assertThat(a.kept()).isNull();

        // the next day a keeps from its second read again (and b's, a day old, is let go for it)
        clock.advance(java.time.Duration.ofDays(1));
        a.read();
        assertThat(a.kept()).isNull();
        assertSameRecords(a.read(), again);
        assertThat(a.kept()).isNotNull();
        assertThat(b.kept()).isNull();
        assertThat(budget.keptReads()).isEqualTo(1);
    }

    /** Users and enrolments in the files, counted apart from the reader: data rows of users.csv and enrollments.csv. */
    private static long rows(Path folder) throws IOException {
        return dataRows(folder.resolve("users.csv")) + dataRows(folder.resolve("enrollments.csv"));
    }

    private static long dataRows(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
            return parser.stream().count();
        }
    }

    /** Gives user {@code id} the family name "Renamed" in users.csv, every other row as it was; returns the id. */
    private static String rename(Path folder, String id) throws IOException {
        CsvDeltaReadTest.edit(folder, "users.csv", id, Map.of("familyName", "Renamed"));
        return id;
    }

    private static void assertSameRecords(Snapshot actual, Snapshot expected) {
        CsvDeltaReadTest.assertSameRecords(actual, expected);
    }
}
