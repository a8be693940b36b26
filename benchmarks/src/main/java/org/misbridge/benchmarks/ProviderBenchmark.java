package org.misbridge.benchmarks;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.misbridge.benchmarks.provider.Round;
import org.misbridge.benchmarks.provider.Round.Step;
import org.misbridge.scheduler.internal.SyncScheduler;
import org.misbridge.sync.internal.SchoolHarness;
import org.misbridge.testkit.GeneratedSchool;
import org.misbridge.testkit.SchoolGenerator;

/**
 * Issue 22's benchmark: a synced school served by the OneRoster provider (the real servlet in Jetty on
 * 127.0.0.1, a client-credentials token) and listed at {@code limit=1000} by a plain java.net.http
 * client, against the floor of writing the same records as JSON in memory; and a
 * {@code dateLastModified} delta after 1% of the students changed, against the full listing. Prints
 * Markdown (see {@link Round} for one round).
 *
 * <p>Arguments: sizes (comma-separated student counts), runs, stores (h2,pg).
 */
public final class ProviderBenchmark {
    /** The table's rows: the step, its name, the step its time is compared with, and how. */
    private static final String[][] ROWS = {
        {Round.RAW_USERS, "users: raw JSON serialisation, pages of 1000, in memory (the floor)", Round.RAW_USERS, "raw"},
        {Round.USERS_FIRST, "GET /users, all pages, first request after the sync (maps the school)", Round.RAW_USERS, "raw"},
        {Round.USERS, "GET /users, all pages, warm", Round.RAW_USERS, "raw"},
        {Round.RAW_ENROLLMENTS, "enrollments: raw JSON serialisation, pages of 1000, in memory (the floor)", Round.RAW_ENROLLMENTS, "raw"},
        {Round.ENROLLMENTS, "GET /enrollments, all pages, warm", Round.RAW_ENROLLMENTS, "raw"},
        {Round.STUDENTS, "GET /students, all pages, warm (× full listing: against all /users pages)", Round.USERS, "full"},
        {Round.STUDENTS_FILTERED, "GET /users?filter=roles.role='student', all pages, warm (× full listing: against all /students pages)", Round.STUDENTS, "full"},
        {Round.SCHOOL_STUDENTS, "GET /schools/{id}/students, all pages, warm (× full listing: against all /students pages)", Round.STUDENTS, "full"},
        {Round.CLASS_ROSTERS, "GET /classes/{id}/students for every class, one request each, warm (× full listing: against all /enrollments pages)", Round.ENROLLMENTS, "full"},
        {Round.USERS_BY_ID, "GET /users/{id} for " + Round.BY_ID + " users, one request each, warm (× full listing: against all /users pages)", Round.USERS, "full"},
        {Round.DELTA_FIRST, "after 1% renamed and a sync: GET /users?filter=dateLastModified>'T', first request after the sync (maps the school)", Round.USERS_FIRST, "full"},
        {Round.DELTA, "the same delta, warm", Round.USERS_AFTER, "full"},
        {Round.USERS_AFTER, "after the change: GET /users, all pages, warm", Round.USERS_AFTER, "full"},
    };

    private ProviderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = Arrays.stream(SyncBenchmark.arg(args, 0, "10000,100000").split(",")).mapToInt(Integer::parseInt).toArray();
        int runs = Integer.parseInt(SyncBenchmark.arg(args, 1, "3"));
        List<String> stores = List.of(SyncBenchmark.arg(args, 2, "h2").split(","));
        Path work = Files.createTempDirectory("misbridge-provider-bench");
        SyncScheduler scheduler = SchoolHarness.newScheduler();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        System.out.printf(Locale.ROOT, "<!-- heap cap %d MiB; load average at start %s -->%n%n",
                Runtime.getRuntime().maxMemory() / (1024 * 1024), load());
        warmUp(work, scheduler, http);
        System.out.println("| students | store | figure | records | MB | min ms | median ms | max ms | records/s (median)"
                + " | × raw JSON (median) | × full listing (median) |");
        System.out.println("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int size : sizes) {
            String loadBefore = load();
            Path csv = work.resolve("school-" + size);
            GeneratedSchool school = SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of(Round.SCHOOL, size, 42L), csv);
            Map<String, Map<String, List<Step>>> byStore = new LinkedHashMap<>();
            int[] renamed = new int[2];
            for (int r = 0; r < runs; r++) {
                for (String store : stores) { // run by run, each store in turn, so a drifting load weighs on each
                    Path mis = copy(csv, work.resolve("mis-" + size + "-" + store + "-" + r));
                    try (BenchStore s = BenchStore.open(store, work.resolve("db-" + size + "-" + store + "-" + r))) {
                        Round.Result result = Round.run(s.directory, mis, scheduler, http);
                        Map<String, List<Step>> steps = byStore.computeIfAbsent(store, k -> new LinkedHashMap<>());
                        result.steps().forEach((name, step) -> steps.computeIfAbsent(name, k -> new ArrayList<>()).add(step));
                        renamed[0] = result.renamed();
                        renamed[1] = result.changed();
                    }
                }
            }
            byStore.forEach((store, steps) -> print(size, store, steps));
            System.out.printf(Locale.ROOT, "%n<!-- %d students: generator reports %d on roll, %d contacts; %d students renamed,"
                    + " %d of them served, and every delta gave exactly those %d; load average before %s, after %s;"
                    + " process peak RSS so far %d MiB -->%n%n",
                    size, school.onRoll(), school.contacts(), renamed[0], renamed[1], renamed[1], loadBefore, load(), peakRssMiB());
        }
        System.exit(0); // the sync components' executors are not daemons
    }

    /** One untimed round on a small school, so the first figure does not carry the JIT's warm-up. */
    private static void warmUp(Path work, SyncScheduler scheduler, HttpClient http) throws Exception {
        Path csv = work.resolve("warm-up");
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of(Round.SCHOOL, 2000, 7L), csv);
        try (BenchStore s = BenchStore.open("h2", work.resolve("db-warm-up"))) {
            Round.run(s.directory, csv, scheduler, http);
        }
    }

    private static void print(int size, String store, Map<String, List<Step>> steps) {
        for (String[] row : ROWS) {
            List<Step> runs = steps.get(row[0]);
            List<Long> times = runs.stream().map(Step::millis).sorted().toList();
            long median = median(times);
            Step last = runs.get(runs.size() - 1);
            long against = median(steps.get(row[2]).stream().map(Step::millis).sorted().toList());
            String ratio = String.format(Locale.ROOT, "%.2f", (double) Math.max(1, median) / Math.max(1, against));
            System.out.printf(Locale.ROOT, "| %,d | %s | %s | %,d | %.1f | %d | %d | %d | %,.0f | %s | %s |%n", size, store, row[1],
                    last.records(), last.bytes() / 1e6, times.get(0), median, times.get(times.size() - 1),
                    last.records() * 1000.0 / Math.max(1, median),
                    row[3].equals("raw") ? ratio : "-", row[3].equals("full") ? ratio : "-");
        }
    }

    private static long median(List<Long> sorted) {
        return sorted.get(sorted.size() / 2);
    }


    private static String load() throws IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }

    private static long peakRssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return to;
    }
}
