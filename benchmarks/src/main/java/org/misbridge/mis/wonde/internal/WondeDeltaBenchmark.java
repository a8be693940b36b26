package org.misbridge.mis.wonde.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.misbridge.api.directory.RowCounts;
import org.misbridge.api.model.EmailLocation;
import org.misbridge.benchmarks.BenchStore;
import org.misbridge.benchmarks.RestDeltaBenchmark;
import org.misbridge.mis.http.Credentials;
import org.misbridge.mis.http.HttpSettings;
import org.misbridge.mis.http.MisHttpClient;
import org.misbridge.scheduler.internal.SyncScheduler;
import org.misbridge.sync.internal.SchoolHarness;
import org.misbridge.sync.internal.SyncServiceComponent;
import org.misbridge.testkit.FakeWonde;
import org.misbridge.testkit.SchoolGenerator;

/**
 * Issue 21's REST delta figure for Wonde ({@code updated_after}): a generated school served by the
 * testkit's Wonde API on 127.0.0.1, read with deltas on, synced whole once, then again with nothing
 * changed, then after 10 pupils' surnames changed; each delta sync timed end to end, the store
 * included, against the full sync of the same run. In the package of the reader's settings, which
 * are not public. Arguments: students, runs, store (see {@link BenchStore}). Prints Markdown.
 */
public final class WondeDeltaBenchmark {

    private static final int CHANGED = 10;
    private static final String TOKEN = "bench-wonde-token-" + java.util.UUID.randomUUID();

    private WondeDeltaBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // the fake's JDK server without TCP_NODELAY makes every small answer wait out the client's delayed
        // ACK (about 40 ms): a delta's eight requests took 0.35 s whatever the school's size, a cost of the
        // fake, not of the reader or of Wonde; read once, when the first server starts
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int size = Integer.parseInt(args.length > 0 ? args[0] : "100000");
        int runs = Integer.parseInt(args.length > 1 ? args[1] : "3");
        String store = args.length > 2 ? args[2] : "pg+pool";
        Path work = Files.createTempDirectory("misbridge-wonde-delta");
        Path csv = work.resolve("school");
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-bench", size, 42L), csv);
        FakeWonde.School school = FakeWonde.School.fromOneRoster("A1930499544", csv, LocalDate.now());
        SyncScheduler scheduler = SchoolHarness.newScheduler();
        Map<String, List<Long>> times = new HashMap<>();
        Map<String, RowCounts> rows = new HashMap<>();
        List<String> figures = List.of("full sync over Wonde into an empty directory", "delta sync, nothing changed",
                "delta sync, " + CHANGED + " pupils changed");
        try (FakeWonde wonde = FakeWonde.start(school, TOKEN);
                MisHttpClient http = new MisHttpClient("bench", HttpSettings.defaults()
                        .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(120)))) {
            for (int r = -1; r < runs; r++) { // run -1 warms the JIT up, untimed
                try (BenchStore s = BenchStore.open(store, Files.createDirectories(work.resolve("db-" + (r + 1))))) {
                    WondeReader reader = new WondeReader(new WondeSettings("bench", wonde.baseUrl(), school.wondeId(),
                            WondeSettings.MAX_PER_PAGE, true, Duration.ofHours(24), EmailLocation.OTHER), http,
                            Credentials.bearer(TOKEN), Clock.systemUTC());
                    SyncServiceComponent service = SchoolHarness.school("bench").reader(reader).store(s.directory)
                            .scheduler(scheduler).settings(Map.of("import_preAdmissions", true, "contacts_maxPriority", 2))
                            .onDemand().build().service();
                    RestDeltaBenchmark.timed(r, figures.get(0), service, times, rows);
                    RestDeltaBenchmark.timed(r, figures.get(1), service, times, rows);
                    wonde.school(renamed(wonde.school(), r));
                    RestDeltaBenchmark.timed(r, figures.get(2), service, times, rows);
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

    /** The school with 10 pupils, spread over the roll, given a new surname for round {@code round}. */
    private static FakeWonde.School renamed(FakeWonde.School before, int round) {
        List<FakeWonde.Pupil> pupils = new ArrayList<>(before.pupils());
        int step = Math.max(1, pupils.size() / CHANGED);
        for (int i = 0; i < CHANGED && i * step < pupils.size(); i++) {
            FakeWonde.Pupil p = pupils.get(i * step);
            pupils.set(i * step, new FakeWonde.Pupil(p.id(), p.misId(), p.upn(), p.forename(), "Changed-" + round + "-" + i,
                    p.legalForename(), "Changed-" + round + "-" + i, p.roll(), p.admissionDate(), p.leavingDate(), p.carers()));
        }
        return new FakeWonde.School(before.wondeId(), pupils, before.carers(), before.employees(), before.groups());
    }
}
