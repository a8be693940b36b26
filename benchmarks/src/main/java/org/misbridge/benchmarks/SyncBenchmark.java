package org.misbridge.benchmarks;

import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.SyncProgress;
import org.misbridge.api.directory.RowCounts;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.spi.MisReader;
import org.misbridge.mis.oneroster.internal.Limits;
import org.misbridge.mis.oneroster.internal.CsvDeltas;
import org.misbridge.mis.oneroster.internal.KeptReads;
import org.misbridge.mis.oneroster.internal.OneRosterCsvReader;
import org.misbridge.scheduler.internal.SyncScheduler;
import org.misbridge.store.jdbc.internal.JdbcDirectory;
import org.misbridge.sync.internal.SchoolHarness;
import org.misbridge.sync.internal.SyncServiceComponent;
import org.misbridge.testkit.GeneratedSchool;
import org.misbridge.testkit.SchoolGenerator;

/**
 * Times a school's sync against the floor of parsing the same OneRoster files with the same CSV
 * library: a full sync into an empty directory, a re-sync with nothing changed, and one with 1% of
 * students changed, on H2 and PostgreSQL, with the heap's peak during each. Prints Markdown.
 *
 * <p>Arguments: sizes (comma-separated student counts), runs per figure, stores (h2,pg; see {@link BenchStore}),
 * each read as the defaults read it ({@code oneroster.csv.deltas=auto}, its budget a quarter of the heap), or
 * with {@code +deltas} always kept ({@code true}), or with {@code +plain} never ({@code false}).
 */
public final class SyncBenchmark {

    /** A no-change re-sync that reads and plans in full, as every re-sync did before a stored token could stop it. */
    private static final String EVERY_FILE = "re-sync, nothing changed, --force (every file read and planned)";

    /** A no-change re-sync after a changed one: with the defaults, a large school's reader keeps its read by then. */
    private static final String AFTER_CHANGE = "re-sync, nothing changed, after the 1% (a read kept where the defaults keep one)";

    /**
     * A host's budget for kept reads, as the assembly's default configuration sets it: one for each
     * school the benchmark makes, which is alone on its host while it runs (a budget shared by the
     * runs would keep earlier runs' reads alive in later runs' heap figures).
     */
    static KeptReads hostBudget() {
        return KeptReads.ofDefaultShare();
    }

    private SyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = Arrays.stream(arg(args, 0, "1000,10000,100000").split(",")).mapToInt(Integer::parseInt).toArray();
        int runs = Integer.parseInt(arg(args, 1, "3"));
        List<String> stores = List.of(arg(args, 2, "h2,pg").split(","));
        Path work = Files.createTempDirectory("misbridge-bench");
        SyncScheduler scheduler = SchoolHarness.newScheduler();
        warmUp(work, scheduler);
        System.out.println("| students | rows in (users+enrolments) | figure | store | min ms | median ms | max ms | × parse (median)"
                + " | peak heap MiB | live heap MiB | rows loaded | rows written |");
        System.out.println("|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int size : sizes) {
            Path csv = work.resolve("school-" + size);
            GeneratedSchool school = SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-bench", size, 42L), csv);
            long rows = lines(csv.resolve("users.csv")) + lines(csv.resolve("enrollments.csv"));
            Figure parse = measure(runs, () -> parseAll(csv));
            print(size, rows, "raw CSV parse (commons-csv, every file)", "-", parse, parse);
            Figure read = measure(runs, () -> reader("bench", csv).read());
            print(size, rows, "OneRoster read into a snapshot", "-", read, parse);
            // run by run, each store in turn: a machine whose load drifts weighs on every store alike
            Map<String, List<Long>> times = new HashMap<>();
            Map<String, Long> heap = new HashMap<>();
            Map<String, Long> live = new HashMap<>();
            // issue 21's floor for a full sync: the raw parse plus COPY of the rows the sync wrote (PostgreSQL), or
            // their batched insert into an empty copy of the schema (H2, which has no bulk load)
            Map<String, List<Long>> floors = new HashMap<>();
            Map<String, Long> floorRows = new HashMap<>();
            for (int r = 0; r < runs; r++) {
                for (String store : stores) {
                    Path copy = work.resolve("run-" + size + "-" + store + "-" + r);
                    copyFolder(csv, copy);
                    // +deltas: the CSV reader always keeps its last read and reads again only what changed
                    // (oneroster.csv.deltas=true); +plain: never (false); else auto, the default
                    CsvDeltas csvDeltas = store.endsWith("+deltas") ? CsvDeltas.ON
                            : store.endsWith("+plain") ? CsvDeltas.OFF : CsvDeltas.AUTO;
                    String kind = store.replaceAll("\\+(deltas|plain)$", "");
                    try (BenchStore s = BenchStore.open(kind, work.resolve("db-" + size + "-" + store + "-" + r))) {
                        SyncServiceComponent service = school(s.directory, copy, scheduler, csvDeltas);
                        phase(store + "|full sync into an empty directory", () -> sync(service, true), times, heap, live);
                        CopyFloor.Result copied = store.startsWith("pg") ? CopyFloor.measure(s.dataSource)
                                : InsertFloor.measure(s.dataSource, Files.createDirectories(
                                        work.resolve("floor-" + size + "-" + store + "-" + r)));
                        floors.computeIfAbsent(store, k -> new ArrayList<>()).add(parse.median() + copied.millis());
                        floorRows.put(store, copied.rows());
                        // as a schedule runs it: with the files as at the last sync, nothing is read (SameInputs)
                        phase(store + "|re-sync, nothing changed", () -> sync(service, false), times, heap, live);
                        phase(store + "|" + EVERY_FILE, () -> sync(service, true), times, heap, live);
                        changeOnePercent(copy.resolve("users.csv"));
                        phase(store + "|re-sync, 1% of students changed", () -> sync(service, false), times, heap, live);
                        // as a schedule runs it again: where the reader now keeps its read, it hashes the files
                        // and gives the kept snapshot, in place of the stored token's check
                        phase(store + "|" + AFTER_CHANGE, () -> sync(service, false), times, heap, live);
                    }
                }
            }
            for (String store : stores) {
                for (String name : List.of("full sync into an empty directory", "re-sync, nothing changed", EVERY_FILE,
                        "re-sync, 1% of students changed", AFTER_CHANGE)) {
                    String key = store + "|" + name;
                    Figure f = new Figure(times.get(key), heap.get(key), live.get(key), ROWS.get(key));
                    print(size, rows, name, store, f, parse);
                }
                Figure floor = new Figure(floors.get(store), 0, 0);
                System.out.printf(Locale.ROOT, "| %,d | %,d | %s | %s | %d | %d | %d | %.2f | - | - | - | %,d |%n",
                        size, rows, store.startsWith("pg") ? "floor of the full sync: the raw parse's median plus COPY of"
                                + " the rows it wrote into empty copies of its tables" : "floor of the full sync: the raw"
                                + " parse's median plus batched inserts of the rows it wrote into an empty copy of the schema",
                        store, floor.min(), floor.median(), floor.max(), (double) floor.median() / parse.median(), floorRows.get(store));
            }
            var heapNow = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            System.out.printf(Locale.ROOT, "%n<!-- %d students: generator reports %d on roll, %d contacts; process peak RSS so far %d MiB;"
                    + " heap at start %d MiB, cap %d MiB -->%n%n", size, school.onRoll(), school.contacts(), peakRssMiB(),
                    heapNow.getInit() >> 20, heapNow.getMax() >> 20);
        }
        System.exit(0); // the sync components' executors are not daemons
    }

    /** One untimed round, so the first figure does not carry the JIT's warm-up. */
    private static void warmUp(Path work, SyncScheduler scheduler) throws Exception {
        Path csv = work.resolve("warm-up");
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-bench", 2000, 7L), csv);
        for (int i = 0; i < 3; i++) {
            parseAll(csv);
            reader("bench", csv).read();
        }
        try (BenchStore s = BenchStore.open("h2", work.resolve("db-warm-up"))) {
            SyncServiceComponent service = school(s.directory, csv, scheduler, CsvDeltas.AUTO);
            sync(service, true);
            sync(service, true);
            sync(service, false);
        }
        // and the paths of a school read with deltas: files as they were, then 1% changed
        Path copy = work.resolve("warm-up-deltas");
        copyFolder(csv, copy);
        try (BenchStore s = BenchStore.open("h2", work.resolve("db-warm-up-deltas"))) {
            SyncServiceComponent service = school(s.directory, copy, scheduler, CsvDeltas.ON);
            sync(service, true);
            for (int i = 0; i < 3; i++) {
                sync(service, true);
                changeOnePercent(copy.resolve("users.csv"));
                sync(service, true);
            }
        }
    }

    /** Argument {@code i}, or {@code fallback} where it is missing, blank or a Maven property left unset ({@code ${...}}). */
    public static String arg(String[] args, int i, String fallback) {
        return args.length > i && !args[i].isBlank() && !args[i].startsWith("${") ? args[i] : fallback;
    }

    // --- what is measured

    static long parseAll(Path folder) throws IOException {
        long chars = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
                        for (String v : r) {
                            chars += v.length();
                        }
                    }
                }
            }
        }
        return chars;
    }

    /** @param force as {@code school:sync --force}: past the deletion threshold, and every file read and planned */
    private static SyncRun sync(SyncServiceComponent service, boolean force) {
        SyncRun run = service.sync("bench", new SyncOptions(false, force),
                Boolean.getBoolean("bench.progress") ? step -> System.err.println("  " + step) : SyncProgress.NONE);
        if (run.outcome() != SyncOutcome.SUCCESS) {
            throw new IllegalStateException("the benchmark sync did not succeed: " + run.message());
        }
        return run;
    }

    /**
     * Changes the family name of every hundredth student, as a day of MIS corrections would; the
     * other bytes (line breaks included) stay as the exporter wrote them.
     */
    private static void changeOnePercent(Path users) throws IOException {
        String text = Files.readString(users, StandardCharsets.UTF_8);
        String lineBreak = text.contains("\r\n") ? "\r\n" : "\n";
        List<String> lines = new ArrayList<>(List.of(text.split(lineBreak, -1)));
        int students = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] cols = lines.get(i).split(",", -1);
            if (cols.length > 9 && "student".equals(cols[5]) && students++ % 100 == 0) {
                cols[9] = cols[9] + "-Changed";
                lines.set(i, String.join(",", cols));
            }
        }
        Files.writeString(users, String.join(lineBreak, lines), StandardCharsets.UTF_8);
    }

    // --- wiring the real parts as DS does

    private static MisReader reader(String schoolId, Path csv) {
        return new OneRosterCsvReader(schoolId, csv, null, Clock.systemUTC(), Limits.defaults());
    }

    private static SyncServiceComponent school(JdbcDirectory directory, Path csv, SyncScheduler scheduler, CsvDeltas csvDeltas) {
        return SchoolHarness.school("bench").reader(new OneRosterCsvReader("bench", csv, null, Clock.systemUTC(), Limits.defaults(),
                        StandardCharsets.UTF_8, csvDeltas, hostBudget())).store(directory).scheduler(scheduler)
                .settings(Map.of("import_preAdmissions", true, "contacts_maxPriority", 2)).onDemand().build().service();
    }

    // --- measuring

    private interface Work {
        Object run() throws Exception;
    }

    /** @param liveHeapBytes the most heap in use after any GC during the work; 0 when none ran */
    private record Figure(List<Long> millis, long peakHeapBytes, long liveHeapBytes, RowCounts rows) {
        Figure(List<Long> millis, long peakHeapBytes, long liveHeapBytes) {
            this(millis, peakHeapBytes, liveHeapBytes, null);
        }

        long min() {
            return millis.stream().mapToLong(Long::longValue).min().orElse(0);
        }

        long max() {
            return millis.stream().mapToLong(Long::longValue).max().orElse(0);
        }

        long median() {
            List<Long> sorted = millis.stream().sorted().toList();
            return sorted.get(sorted.size() / 2);
        }
    }

    private static Figure measure(int runs, Work work) throws Exception {
        List<Long> times = new ArrayList<>();
        long peak = 0;
        long live = 0;
        for (int i = 0; i < runs; i++) {
            resetHeapPeak();
            long start = System.nanoTime();
            work.run();
            times.add((System.nanoTime() - start) / 1_000_000);
            peak = Math.max(peak, heapPeak());
            live = Math.max(live, LIVE_AFTER_GC.get());
        }
        return new Figure(times, peak, live);
    }

    private static void phase(String name, Work work, Map<String, List<Long>> times, Map<String, Long> heap,
            Map<String, Long> live) throws Exception {
        Object[] result = new Object[1];
        Figure f = measure(1, () -> result[0] = work.run());
        if (result[0] instanceof SyncRun run && run.rows() != null) {
            ROWS.put(name, run.rows()); // the same on every run: the last one's
        }
        times.computeIfAbsent(name, k -> new ArrayList<>()).add(f.millis().get(0));
        heap.merge(name, f.peakHeapBytes(), Math::max);
        live.merge(name, f.liveHeapBytes(), Math::max);
    }

    /** The rows each kind of sync loaded and wrote, from the run record. */
    private static final Map<String, RowCounts> ROWS = new HashMap<>();

    /** The most heap in use just after a collection since the last reset: what the work kept alive. */
    private static final java.util.concurrent.atomic.AtomicLong LIVE_AFTER_GC = new java.util.concurrent.atomic.AtomicLong();

    static {
        java.util.Set<String> heapPools = new java.util.HashSet<>();
        ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .forEach(p -> heapPools.add(p.getName()));
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((javax.management.NotificationEmitter) gc).addNotificationListener((n, handback) -> {
                if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                    return;
                }
                var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                        (javax.management.openmbean.CompositeData) n.getUserData());
                long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                        .filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
                LIVE_AFTER_GC.accumulateAndGet(used, Math::max);
            }, null, null);
        }
    }

    private static void resetHeapPeak() {
        System.gc();
        LIVE_AFTER_GC.set(0);
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of each heap pool's peak since the reset: an upper bound of the heap in use. */
    private static long heapPeak() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static long peakRssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    private static void print(int size, long rows, String name, String store, Figure f, Figure parse) {
        System.out.printf(Locale.ROOT, "| %,d | %,d | %s | %s | %d | %d | %d | %.2f | %d | %s | %s | %s |%n", size, rows, name,
                store, f.min(), f.median(), f.max(), parse.median() == 0 ? 0.0 : (double) f.median() / parse.median(),
                f.peakHeapBytes() / (1024 * 1024),
                f.liveHeapBytes() == 0 ? "no GC" : String.valueOf(f.liveHeapBytes() / (1024 * 1024)),
                f.rows() == null ? "-" : String.format(Locale.ROOT, "%,d", f.rows().loaded()),
                f.rows() == null ? "-" : String.format(Locale.ROOT, "%,d", f.rows().written()));
    }

    private static long lines(Path file) throws IOException {
        try (Stream<String> s = Files.lines(file)) {
            return s.count() - 1;
        }
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
