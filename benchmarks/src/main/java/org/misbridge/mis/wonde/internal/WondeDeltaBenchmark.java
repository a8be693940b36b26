package org.misbridge.mis.wonde.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.misbridge.api.directory.RowCounts;
import org.misbridge.api.model.EmailLocation;
import org.misbridge.benchmarks.BenchStore;
import org.misbridge.benchmarks.RestDeltaBenchmark;
import org.misbridge.benchmarks.SyncBenchmark;
import org.misbridge.mis.http.Credentials;
import org.misbridge.mis.http.HttpSettings;
import org.misbridge.mis.http.MisHttpClient;
import org.misbridge.scheduler.internal.SyncScheduler;
import org.misbridge.sync.internal.SchoolHarness;
import org.misbridge.sync.internal.SyncServiceComponent;
import org.misbridge.testkit.SchoolGenerator;

/**
 * Issue 21's REST delta figure for Wonde ({@code updated_after}): a generated school served by the
 * testkit's Wonde API on 127.0.0.1 ({@link ServedWonde}, a fresh one each run, so that no change of
 * an earlier run is sent again within a delta's overlap), read with deltas on, synced whole once,
 * then again with nothing changed, then after 10 pupils' surnames changed; each delta sync timed
 * end to end, the store included, against the full sync of the same run. In the package of the
 * reader's settings, which are not public. Arguments: students, runs, store (see
 * {@link BenchStore}), {@code api-jvm} to serve the fake from a JVM of its own (or anything else
 * not to). Prints Markdown.
 */
public final class WondeDeltaBenchmark {

    private static final int CHANGED = 10;
    private static final String TOKEN = "bench-wonde-token-" + java.util.UUID.randomUUID();

    private WondeDeltaBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int size = Integer.parseInt(SyncBenchmark.arg(args, 0, "100000"));
        int runs = Integer.parseInt(SyncBenchmark.arg(args, 1, "3"));
        String store = SyncBenchmark.arg(args, 2, "pg+pool");
        boolean ownJvm = "api-jvm".equals(SyncBenchmark.arg(args, 3, ""));
        Path work = Files.createTempDirectory("misbridge-wonde-delta");
        Path csv = work.resolve("school");
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-bench", size, 42L), csv);
        SyncScheduler scheduler = SchoolHarness.newScheduler();
        Map<String, List<Long>> times = new HashMap<>();
        Map<String, RowCounts> rows = new HashMap<>();
        List<String> figures = List.of("full sync over Wonde into an empty directory", "delta sync, nothing changed",
                "delta sync, " + CHANGED + " pupils changed");
        try (MisHttpClient http = new MisHttpClient("bench", HttpSettings.defaults()
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(120)))) {
            for (int r = -1; r < runs; r++) { // run -1 warms the JIT up, untimed
                try (ServedWonde wonde = ServedWonde.start(csv, TOKEN, ownJvm);
                        BenchStore s = BenchStore.open(store, Files.createDirectories(work.resolve("db-" + (r + 1))))) {
                    WondeReader reader = new WondeReader(new WondeSettings("bench", wonde.baseUrl(), ServedWonde.WONDE_ID,
                            WondeSettings.MAX_PER_PAGE, true, Duration.ofHours(24), EmailLocation.OTHER), http,
                            Credentials.bearer(TOKEN), Clock.systemUTC());
                    SyncServiceComponent service = SchoolHarness.school("bench").reader(reader).store(s.directory)
                            .scheduler(scheduler).settings(Map.of("import_preAdmissions", true, "contacts_maxPriority", 2))
                            .onDemand().build().service();
                    timed(r, figures.get(0), service, times, rows);
                    timed(r, figures.get(1), service, times, rows);
                    wonde.rename(CHANGED, r);
                    timed(r, figures.get(2), service, times, rows);
                }
            }
        }
        System.out.println("| students | store | figure | min ms | median ms | max ms | % of the full sync (median) | rows loaded | rows written |");
        System.out.println("|---:|---|---|---:|---:|---:|---:|---:|---:|");
        long full = RestDeltaBenchmark.median(times.get(figures.get(0)));
        for (String figure : figures) {
            List<Long> t = times.get(figure);
            RowCounts c = rows.get(figure);
            System.out.printf(Locale.ROOT, "| %,d | %s | %s | %d | %d | %d | %.1f%% | %,d | %,d |%n", size, store, figure,
                    t.stream().mapToLong(Long::longValue).min().orElse(0), RestDeltaBenchmark.median(t),
                    t.stream().mapToLong(Long::longValue).max().orElse(0), 100.0 * RestDeltaBenchmark.median(t) / full,
                    c == null ? 0 : c.loaded(), c == null ? 0 : c.written());
        }
        System.exit(0); // the sync components' executors are not daemons
    }

    /**
     * One timed sync, after a collection: with the fake in this JVM, it renders the whole school
     * again whenever it changes (gigabytes at 100,000 pupils), and its garbage is not the sync's.
     */
    private static void timed(int run, String figure, SyncServiceComponent service, Map<String, List<Long>> times,
            Map<String, RowCounts> rows) {
        System.gc();
        RestDeltaBenchmark.timed(run, figure, service, times, rows);
    }
}
