package org.misbridge.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.mis.oneroster.internal.Limits;
import org.misbridge.mis.oneroster.internal.OneRosterCsvReader;
import org.misbridge.scheduler.internal.SyncScheduler;
import org.misbridge.sync.internal.SchoolHarness;
import org.misbridge.sync.internal.SyncServiceComponent;
import org.misbridge.testkit.SchoolGenerator;

/**
 * First syncs only, each into a fresh store, split into the read, the plan and the write as the
 * sync's progress reports them: for looking at one part of a full sync, which {@link SyncBenchmark}
 * times whole. {@code dry} stops each sync after its plan (a dry run), so the figure is the read and
 * the plan alone. Two untimed syncs come first; the medians are of the timed ones.
 *
 * <p>Each full sync has its floor measured beside it, as {@link SyncBenchmark} does but with the
 * JIT as warm for the floor as for the sync: a raw parse of the same files just before the sync,
 * and after it the rows it wrote copied into empty copies of its tables ({@link CopyFloor}, on
 * PostgreSQL) or inserted into an empty copy of the schema ({@link InsertFloor}, on H2).
 *
 * <p>Arguments: students, timed runs, store ({@code pg} or {@code h2}, see {@link BenchStore}),
 * {@code full} or {@code dry}.
 */
public final class FullSyncBenchmark {

    private FullSyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int size = Integer.parseInt(SyncBenchmark.arg(args, 0, "100000"));
        int runs = Integer.parseInt(SyncBenchmark.arg(args, 1, "8"));
        String store = SyncBenchmark.arg(args, 2, "pg");
        boolean dry = "dry".equals(SyncBenchmark.arg(args, 3, "full"));
        Path work = Files.createTempDirectory("misbridge-full-sync");
        SyncScheduler scheduler = SchoolHarness.newScheduler();
        Path csv = work.resolve("school");
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-bench", size, 42L), csv);
        List<Long> total = new ArrayList<>();
        List<Double> read = new ArrayList<>();
        List<Double> plan = new ArrayList<>();
        List<Double> write = new ArrayList<>();
        List<Long> floors = new ArrayList<>();
        List<Double> perFloor = new ArrayList<>();
        List<Long> parses = new ArrayList<>();
        List<Long> copies = new ArrayList<>();
        Map<String, List<Long>> tables = new LinkedHashMap<>(); // the floor's write, table by table (PostgreSQL)
        for (int r = 0; r < runs + 2; r++) {
            try (BenchStore s = BenchStore.open(store, work.resolve("db-" + r))) {
                SyncServiceComponent service = SchoolHarness.school("bench")
                        .reader(new OneRosterCsvReader("bench", csv, null, Clock.systemUTC(), Limits.defaults(),
                                StandardCharsets.UTF_8, false))
                        .store(s.directory).scheduler(scheduler)
                        .settings(Map.of("import_preAdmissions", true, "contacts_maxPriority", 2)).onDemand().build().service();
                List<String> steps = new ArrayList<>();
                List<Long> stepAt = new ArrayList<>(); // when each step was told, for millisecond phases
                long parseStart = System.nanoTime();
                SyncBenchmark.parseAll(csv);
                long parse = (System.nanoTime() - parseStart) / 1_000_000;
                long start = System.nanoTime();
                SyncRun run = service.sync("bench", new SyncOptions(dry, true), step -> {
                    steps.add(step);
                    stepAt.add(System.nanoTime());
                });
                long ms = (System.nanoTime() - start) / 1_000_000;
                if (run.outcome() != (dry ? SyncOutcome.DRY_RUN : SyncOutcome.SUCCESS)) {
                    throw new IllegalStateException("the benchmark sync did not succeed: " + run.message());
                }
                CopyFloor.Result written = dry ? null : store.startsWith("pg") ? CopyFloor.measure(s.dataSource)
                        : InsertFloor.measure(s.dataSource, Files.createDirectories(work.resolve("floor-" + r)));
                long floor = written == null ? 0 : parse + written.millis();
                if (r < 2) {
                    continue; // the JIT's warm-up
                }
                total.add(ms);
                if (written != null) {
                    written.tableMillis().forEach((table, millis) -> tables.computeIfAbsent(table, t -> new ArrayList<>()).add(millis));
                }
                if (!dry) {
                    floors.add(floor);
                    parses.add(parse);
                    copies.add(written.millis());
                    perFloor.add((double) ms / floor);
                }
                long readAt = at(steps, stepAt, "read ");
                long plannedAt = at(steps, stepAt, "planned ");
                read.add((readAt - start) / 1e9);
                plan.add((plannedAt - readAt) / 1e9);
                if (!dry) {
                    write.add((at(steps, stepAt, "applied ") - plannedAt) / 1e9);
                }
            }
        }
        System.out.println("| students | store | figure | runs | median ms | read s | plan s | write s | floor ms (median) | × floor (median, min-max) |");
        System.out.println("|---:|---|---|---:|---:|---:|---:|---:|---:|---|");
        System.out.printf(Locale.ROOT, "| %,d | %s | %s | %d | %d | %.3f | %.3f | %s | %s | %s |%n", size, store, dry ? "read and plan (dry run)"
                : "full sync into an empty directory", runs, median(total), median(read), median(plan),
                write.isEmpty() ? "-" : String.format(Locale.ROOT, "%.3f", median(write)),
                floors.isEmpty() ? "-" : String.valueOf(median(floors)), perFloor.isEmpty() ? "-"
                        : String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", median(perFloor), perFloor.stream().min(Double::compare).get(),
                                perFloor.stream().max(Double::compare).get()));
        System.out.println("<!-- each floor (parse + write), ms: " + floors + "; medians: parse " + (parses.isEmpty() ? "-"
                : median(parses)) + ", write " + (copies.isEmpty() ? "-" : median(copies)) + " -->");
        if (!tables.isEmpty()) {
            Map<String, Long> medians = new LinkedHashMap<>();
            tables.forEach((table, millis) -> medians.put(table, median(millis)));
            System.out.println("<!-- the floor's COPY table by table, median ms: " + medians + " -->");
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.out.println("<!-- each run, ms: " + total + "; heap at start " + (heap.getInit() >> 20) + " MiB, cap "
                + (heap.getMax() >> 20) + " MiB -->");
        System.exit(0); // the sync components' executors are not daemons
    }

    /** When the step starting {@code prefix} was told (its own text gives tenths of a second only). */
    private static long at(List<String> steps, List<Long> stepAt, String prefix) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).startsWith(prefix)) {
                return stepAt.get(i);
            }
        }
        throw new IllegalStateException("no step " + prefix + "in " + steps);
    }

    private static <T extends Comparable<T>> T median(List<T> values) {
        List<T> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
