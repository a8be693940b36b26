package org.misbridge.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.mis.oneroster.internal.Limits;
import org.misbridge.mis.oneroster.internal.CsvDeltas;
import org.misbridge.mis.oneroster.internal.OneRosterCsvReader;
import org.misbridge.sync.internal.SchoolHarness;
import org.misbridge.sync.internal.SyncServiceComponent;
import org.misbridge.testkit.SchoolGenerator;

/**
 * 1% re-syncs of one school read with CSV deltas ({@code oneroster.csv.deltas=true}), with {@code auto}
 * as a school with the defaults is, or with {@code plain} deltas off (every file read, as a schedule runs it), one after
 * another in one store, as a host syncing a school through the day would: each run renames every
 * hundredth student again (a new suffix each run), so each changes the same 1% from the last. No
 * collection is forced between runs. One full sync and five untimed re-syncs come first. Before each
 * re-sync the raw parse of the same files (commons-csv, every file) is timed too, so the ratio is
 * against a floor measured in the same process with the JIT as warm as the sync's.
 *
 * <p>Arguments: students, timed runs, store ({@code pg} or {@code h2}, see {@link BenchStore}),
 * {@code deltas} (the default), {@code auto} or {@code plain}, and what changes: {@code names} (the default, in
 * users.csv) or {@code classes}, where every hundredth student enrolment in enrollments.csv moves
 * to another class and back on the next run. With
 * {@code -Dbench.jfr=<file>}, a JFR profile of the timed runs alone (not the first sync) is written there.
 */
public final class CsvDeltaBenchmark {

    private static final int WARM_UP = 5;

    private CsvDeltaBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int size = Integer.parseInt(SyncBenchmark.arg(args, 0, "100000"));
        int runs = Integer.parseInt(SyncBenchmark.arg(args, 1, "16"));
        String store = SyncBenchmark.arg(args, 2, "pg");
        String mode = SyncBenchmark.arg(args, 3, "deltas");
        CsvDeltas deltas = switch (mode) {
            case "plain" -> CsvDeltas.OFF;
            case "auto" -> CsvDeltas.AUTO;
            default -> CsvDeltas.ON;
        };
        boolean classes = "classes".equals(SyncBenchmark.arg(args, 4, "names"));
        Path work = Files.createTempDirectory("misbridge-csv-delta");
        Path csv = work.resolve("school");
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-bench", size, 42L), csv);
        Path users = csv.resolve(classes ? "enrollments.csv" : "users.csv");
        String original = Files.readString(users, StandardCharsets.UTF_8);
        String lineBreak = original.contains("\r\n") ? "\r\n" : "\n";
        List<String> lines = List.of(original.split(lineBreak, -1));
        List<Long> times = new ArrayList<>();
        List<Long> parses = new ArrayList<>();
        jdk.jfr.Recording profile = null;
        try (BenchStore s = BenchStore.open(store, work.resolve("db"))) {
            SyncServiceComponent service = SchoolHarness.school("bench")
                    .reader(new OneRosterCsvReader("bench", csv, null, Clock.systemUTC(), Limits.defaults(),
                            StandardCharsets.UTF_8, deltas, SyncBenchmark.hostBudget()))
                    .store(s.directory).scheduler(SchoolHarness.newScheduler())
                    .settings(Map.of("import_preAdmissions", true, "contacts_maxPriority", 2)).onDemand().build().service();
            sync(service, true);
            for (int r = 0; r < runs + WARM_UP; r++) {
                Files.writeString(users, classes ? moved(lines, r % 2 == 0, lineBreak) : renamed(lines, "-R" + r, lineBreak),
                        StandardCharsets.UTF_8);
                if (r == WARM_UP && System.getProperty("bench.jfr") != null) {
                    profile = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                    profile.setDestination(Path.of(System.getProperty("bench.jfr")));
                    profile.start();
                }
                long start = System.nanoTime();
                SyncBenchmark.parseAll(csv);
                long parsed = System.nanoTime();
                sync(service, deltas == CsvDeltas.ON); // else as a schedule runs it, the files hashed before the read
                if (r >= WARM_UP) {
                    parses.add((parsed - start) / 1_000_000);
                    times.add((System.nanoTime() - parsed) / 1_000_000);
                }
            }
        }
        if (profile != null) {
            profile.stop(); // written to its destination
        }
        long parse = median(parses);
        System.out.println("| students | store | figure | runs | min ms | median ms | max ms | x parse |");
        System.out.println("|---:|---|---|---:|---:|---:|---:|---:|");
        row(size, store, "raw CSV parse (commons-csv, every file)", parses, parse);
        row(size, store, (deltas == CsvDeltas.ON ? "1% re-sync with CSV deltas"
                : deltas == CsvDeltas.AUTO ? "1% re-sync with the defaults (CSV deltas auto)" : "1% re-sync, CSV deltas off (every file read)")
                + (classes ? ", 1% of students moved class" : ""), times, parse);
        System.out.println("<!-- each re-sync, ms: " + times + " -->");
        System.out.println("<!-- each parse, ms: " + parses + " -->");
        System.exit(0); // the sync components' executors are not daemons
    }

    private static void row(int size, String store, String figure, List<Long> times, long parse) {
        List<Long> sorted = new ArrayList<>(times);
        sorted.sort(null);
        System.out.printf(java.util.Locale.ROOT, "| %,d | %s | %s | %d | %d | %d | %d | %.2f |%n", size, store, figure,
                times.size(), sorted.get(0), median(times), sorted.get(sorted.size() - 1), (double) median(times) / parse);
    }

    private static long median(List<Long> times) {
        List<Long> sorted = new ArrayList<>(times);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    /** The file with every hundredth student's family name given {@code suffix}; the other bytes as they were. */
    private static String renamed(List<String> lines, String suffix, String lineBreak) {
        List<String> out = new ArrayList<>(lines);
        int students = 0;
        for (int i = 1; i < out.size(); i++) {
            String[] cols = out.get(i).split(",", -1);
            if (cols.length > 9 && "student".equals(cols[5]) && students++ % 100 == 0) {
                cols[9] = cols[9] + suffix;
                out.set(i, String.join(",", cols));
            }
        }
        return String.join(lineBreak, out);
    }

    /**
     * enrollments.csv with every hundredth student enrolment in a class moved to the class of the next
     * such enrolment that is in another ({@code away}), or as it was; the other bytes as they were.
     */
    private static String moved(List<String> lines, boolean away, String lineBreak) {
        List<String> header = List.of(lines.get(0).split(",", -1));
        int classColumn = header.indexOf("classSourcedId");
        int roleColumn = header.indexOf("role");
        List<String> out = new ArrayList<>(lines);
        int students = 0;
        for (int i = 1; i < out.size() && away; i++) {
            String[] cols = out.get(i).split(",", -1);
            if (cols.length > roleColumn && "student".equals(cols[roleColumn]) && !cols[classColumn].isEmpty()
                    && students++ % 100 == 0) {
                for (int j = i + 1; j < lines.size(); j++) {
                    String[] next = lines.get(j).split(",", -1);
                    if (next.length > roleColumn && !next[classColumn].isEmpty() && !next[classColumn].equals(cols[classColumn])) {
                        cols[classColumn] = next[classColumn];
                        out.set(i, String.join(",", cols));
                        break;
                    }
                }
            }
        }
        return String.join(lineBreak, out);
    }

    private static void sync(SyncServiceComponent service, boolean force) {
        SyncRun run = service.sync("bench", new SyncOptions(false, force), step -> { });
        if (run.outcome() != SyncOutcome.SUCCESS) {
            throw new IllegalStateException("the benchmark sync did not succeed: " + run.message());
        }
    }
}
