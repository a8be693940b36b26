package org.misbridge.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.mis.oneroster.internal.Limits;
import org.misbridge.mis.oneroster.internal.OneRosterCsvReader;
import org.misbridge.sync.internal.SchoolHarness;
import org.misbridge.testkit.SchoolGenerator;

/**
 * What H2 itself allows a full sync (issue 21's target of 5x the raw parse on H2): the rows of one
 * full sync inserted into new H2 databases four ways, each against the raw parse of the same files
 * measured in the same process: into the store's schema on disk (the floor {@link SyncBenchmark}
 * uses), the same in memory, and both again into tables of the same columns with no keys or
 * indexes. The last two are bounds, not ways the store could write: the store needs its keys.
 * The read into a snapshot, which any sync does before it writes, is timed too.
 *
 * <p>Arguments: students, rounds.
 */
public final class H2FloorBenchmark {

    private H2FloorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int size = Integer.parseInt(SyncBenchmark.arg(args, 0, "10000"));
        int rounds = Integer.parseInt(SyncBenchmark.arg(args, 1, "5"));
        Path work = Files.createTempDirectory("misbridge-h2-floor");
        Path csv = work.resolve("school");
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-bench", size, 42L), csv);
        OneRosterCsvReader reader = new OneRosterCsvReader("bench", csv, null, Clock.systemUTC(), Limits.defaults(),
                StandardCharsets.UTF_8, false);
        Map<String, List<Object[]>> rows;
        try (BenchStore s = BenchStore.open("h2", work.resolve("store"))) {
            SyncRun run = SchoolHarness.school("bench").reader(reader).store(s.directory)
                    .settings(Map.of("import_preAdmissions", true, "contacts_maxPriority", 2)).onDemand().build()
                    .service().sync("bench", new SyncOptions(false, true), step -> { });
            if (run.outcome() != SyncOutcome.SUCCESS) {
                throw new IllegalStateException("the benchmark sync did not succeed: " + run.message());
            }
            rows = InsertFloor.rowsOf(s.dataSource);
        }
        long rowCount = rows.values().stream().mapToLong(List::size).sum();
        Map<String, List<Long>> times = new LinkedHashMap<>();
        for (String figure : List.of("raw CSV parse", "read into a snapshot", "store's schema, on disk",
                "store's schema, in memory", "no keys or indexes, on disk", "no keys or indexes, in memory")) {
            times.put(figure, new ArrayList<>());
        }
        for (int r = 0; r < rounds + 1; r++) { // the first round warms the JIT and is not counted
            long start = System.nanoTime();
            SyncBenchmark.parseAll(csv);
            long parse = (System.nanoTime() - start) / 1_000_000;
            start = System.nanoTime();
            reader.read();
            long read = (System.nanoTime() - start) / 1_000_000;
            Path folder = Files.createDirectories(work.resolve("round-" + r));
            long disk = InsertFloor.insert(rows, "jdbc:h2:file:" + folder.resolve("keyed") + ";WRITE_DELAY=0", true).millis();
            long memory = InsertFloor.insert(rows, "jdbc:h2:mem:keyed-" + r + ";DB_CLOSE_DELAY=-1", true).millis();
            long bareDisk = InsertFloor.insert(rows, "jdbc:h2:file:" + folder.resolve("bare") + ";WRITE_DELAY=0", false).millis();
            long bareMemory = InsertFloor.insert(rows, "jdbc:h2:mem:bare-" + r + ";DB_CLOSE_DELAY=-1", false).millis();
            if (r == 0) {
                continue;
            }
            List<Long> each = List.of(parse, read, disk, memory, bareDisk, bareMemory);
            int i = 0;
            for (List<Long> figure : times.values()) {
                figure.add(each.get(i++));
            }
        }
        long parse = median(times.get("raw CSV parse"));
        System.out.printf(Locale.ROOT, "%,d students, %,d rows written by the full sync, %d rounds%n%n", size, rowCount, rounds);
        System.out.println("| figure | median ms | min ms | max ms | × parse (median) |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (Map.Entry<String, List<Long>> figure : times.entrySet()) {
            List<Long> ms = figure.getValue();
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %.1f |%n", figure.getKey(), median(ms),
                    ms.stream().min(Long::compare).get(), ms.stream().max(Long::compare).get(), (double) median(ms) / parse);
        }
        System.exit(0);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
