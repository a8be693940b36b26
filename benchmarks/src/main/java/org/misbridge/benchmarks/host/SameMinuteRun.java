package org.misbridge.benchmarks.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.misbridge.testkit.GeneratedSchool;
import org.misbridge.testkit.KarafClient;
import org.misbridge.testkit.KarafHeap;
import org.misbridge.testkit.KarafHost;
import org.misbridge.testkit.SchoolGenerator;

/**
 * Load on one host, on a copy of the built assembly: {@code schools} schools all scheduled for the
 * same minute (the next whole minute that leaves time to configure them, in their time zone), then
 * {@code commands} {@code school:sync} commands at once for one large school through the console.
 *
 * <p>Checked from the host's own records (dir_sync_run, read with the host stopped): every school
 * ran exactly once, none skipped, none twice; at most the scheduler's {@code threads} syncs ran at
 * once (overlap of the runs' read-and-plan intervals); the heap stayed bounded (the heap pools'
 * peak over JMX, against the heap with the schools idle). Of the commands: all succeeded, one at a
 * time (no two runs overlap), one created the rows and the rest found nothing to do.
 *
 * <p>Arguments: schools, commands, store ({@code h2} or {@code pg}). Prints a Markdown table.
 */
public final class SameMinuteRun {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final int THREADS = 4;
    private static final int BIG_SCHOOL = 20_000;
    private static final int HEAP_MIB = 1024;

    private final Report report = new Report();
    private int failures;

    public static void main(String[] args) throws Exception {
        int schools = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int commands = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String storeKind = args.length > 2 ? args[2] : "h2";
        SameMinuteRun run = new SameMinuteRun();
        Path work = Files.createTempDirectory("misbridge-same-minute-");
        KarafHost host = KarafHost.copy(KarafHost.builtAssembly(), work, "karaf");
        host.withoutDemo();
        host.freePorts();
        try (HostStore store = HostStore.of(storeKind, host)) {
            run.run(host, store, work, schools, commands);
        } finally {
            host.close();
            if (System.getenv("MISBRIDGE_KEEP_HOST") == null) {
                KarafHost.deleteTree(work);
            }
        }
        run.report.print();
        if (run.failures > 0) {
            System.exit(1);
        }
    }

    private void run(KarafHost host, HostStore store, Path work, int schools, int commands) throws Exception {
        GeneratedSchool small = SchoolGenerator.writeOneRosterCsv(
                new SchoolGenerator.Spec("org-minute", "Minute Primary", 600, 7L, LocalDate.now()), work.resolve("mis-small"));
        GeneratedSchool big = SchoolGenerator.writeOneRosterCsv(
                new SchoolGenerator.Spec("org-big", "Big Academy", BIG_SCHOOL, 8L, LocalDate.now()), work.resolve("mis-big"));
        host.put("org.misbridge.sync.scheduler.cfg", "threads", THREADS);
        host.dropConfigs(Map.of(
                "org.misbridge.mis.oneroster-big.cfg", "school.id=big\ncsv.path=" + work.resolve("mis-big") + "\n",
                "org.misbridge.sync-big.cfg", "school.id=big\nreader.target=(school.id=big)\nschedule=\n"));
        // a heap cap well below the machine's, so that "bounded" is tested, not just observed
        host.start("-Xmx" + HEAP_MIB + "m");
        host.awaitSchoolCommands(Duration.ofMinutes(3));
        line("host", "a copy of the built assembly, " + store.kind() + ", scheduler threads " + THREADS + ", heap capped at "
                + HEAP_MIB + " MiB");

        try (KarafHeap heap = host.heap()) {
            // the minute: the next whole one that leaves a minute to configure every school
            ZonedDateTime minute = ZonedDateTime.now(ZONE).plusSeconds(75).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            String at = minute.format(DateTimeFormatter.ofPattern("HH:mm"));
            Map<String, String> files = new LinkedHashMap<>();
            for (int i = 1; i <= schools; i++) {
                String id = "school-" + i;
                files.put("org.misbridge.mis.oneroster-" + id + ".cfg", "school.id=" + id + "\noneroster.csv.path=" + work.resolve("mis-small") + "\n");
                files.put("org.misbridge.sync-" + id + ".cfg", "school.id=" + id + "\nreader.target=(school.id=" + id
                        + ")\ntimezone=" + ZONE.getId() + "\nschedule=" + at + "\n");
            }
            long dropped = System.nanoTime();
            host.dropConfigs(files);
            while (listed(host) < schools + 1) {
                Thread.sleep(500);
            }
            double toList = (System.nanoTime() - dropped) / 1e9;
            if (!ZonedDateTime.now(ZONE).isBefore(minute.minusSeconds(5))) {
                throw new IllegalStateException("the schools were configured too late for " + at + "; run again");
            }
            heap.gc();
            Thread.sleep(1000);
            long idle = heap.usedBytes();
            line(schools + " schools configured", String.format("all listed %.1f s after the drop; every one scheduled at %s %s; "
                    + "%d students each (%d on roll); heap after a full GC %d MiB of a %d MiB maximum", toList, at, ZONE.getId(),
                    small.students(), small.onRoll(), idle >> 20, heap.maxBytes() >> 20));

            while (ZonedDateTime.now(ZONE).isBefore(minute.minusSeconds(2))) {
                Thread.sleep(200);
            }
            heap.resetPeaks();
            long waitUntil = System.nanoTime() + Duration.ofMinutes(20).toNanos();
            long sampledMax = 0;
            long nextCheck = 0;
            while (System.nanoTime() < waitUntil) {
                sampledMax = Math.max(sampledMax, heap.usedBytes());
                if (System.nanoTime() > nextCheck) {
                    if (synced(host) >= schools) {
                        break;
                    }
                    nextCheck = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                }
                Thread.sleep(100);
            }
            long peak = heap.peakBytes();
            heap.gc();
            Thread.sleep(1000);
            long after = heap.usedBytes();
            line("heap during the minute", String.format("used heap sampled every 0.1 s: at most %d MiB; sum of the heap "
                    + "pools' peaks (garbage included) %d MiB; after a full GC once all had run %d MiB (%d MiB with the "
                    + "schools idle before); cap %d MiB", sampledMax >> 20, peak >> 20, after >> 20, idle >> 20,
                    heap.maxBytes() >> 20));
        }

        // the same school, many operators at once: the console serialises them
        List<Process> clients = new ArrayList<>();
        long fired = System.nanoTime();
        for (int i = 0; i < commands; i++) {
            clients.add(host.client().start("school:sync big --json"));
        }
        List<JsonNode> answers = new ArrayList<>();
        for (Process p : clients) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            answers.add(JSON.readTree(KarafClient.json(out).isEmpty() ? "{}" : KarafClient.json(out)));
        }
        double commandsTook = (System.nanoTime() - fired) / 1e9;
        host.stop();

        List<HostStore.Run> runs = store.runs();
        Map<String, List<HostStore.Run>> bySchool = runs.stream().collect(Collectors.groupingBy(HostStore.Run::schoolId));
        List<HostStore.Run> scheduled = runs.stream().filter(r -> r.schoolId().startsWith("school-")).toList();
        long once = bySchool.entrySet().stream().filter(e -> e.getKey().startsWith("school-") && e.getValue().size() == 1).count();
        long twice = bySchool.entrySet().stream().filter(e -> e.getKey().startsWith("school-") && e.getValue().size() > 1).count();
        long skipped = schools - bySchool.keySet().stream().filter(k -> k.startsWith("school-")).count();
        long succeeded = scheduled.stream().filter(r -> r.outcome().equals("SUCCESS")).count();
        Instant first = scheduled.stream().map(HostStore.Run::startedAt).min(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        Instant last = scheduled.stream().map(HostStore.Run::finishedAt).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        int peakScheduled = peakOverlap(scheduled);
        if (once != schools || twice > 0 || skipped > 0 || succeeded != schools || peakScheduled > THREADS) {
            failures++;
        }
        line("the scheduled minute", String.format("%d of %d schools ran exactly once (%d twice, %d skipped), %d succeeded; "
                + "first start %s, last finish %s (%.0f s); at most %d ran at once (scheduler threads %d)", once, schools,
                twice, skipped, succeeded, first, last, Duration.between(first, last).toMillis() / 1000.0, peakScheduled, THREADS));

        List<HostStore.Run> bigRuns = bySchool.getOrDefault("big", List.of());
        long ok = answers.stream().filter(a -> "SUCCESS".equals(a.path("outcome").asText())).count();
        long creating = answers.stream().filter(a -> a.path("created").asInt() > 0).count();
        long nothing = answers.stream().filter(a -> a.path("created").asInt() + a.path("updated").asInt()
                + a.path("removed").asInt() == 0 && "SUCCESS".equals(a.path("outcome").asText())).count();
        int peakBig = peakOverlap(bigRuns);
        // queued runs follow each other closely: the gap from one run's recorded end to the next one's start
        long maxGapMs = 0;
        for (int i = 1; i < bigRuns.size(); i++) {
            maxGapMs = Math.max(maxGapMs, Duration.between(bigRuns.get(i - 1).finishedAt(), bigRuns.get(i).startedAt()).toMillis());
        }
        if (ok != commands || creating != 1 || nothing != commands - 1 || bigRuns.size() != commands || peakBig != 1) {
            failures++;
        }
        line(commands + " school:sync at once", String.format("%d bin/client processes started together; %d succeeded, %d runs "
                + "recorded; at most %d ran at once, each next run starting at most %d ms after the one before ended (its "
                + "write included); %d created the school (%d students, %d rows), %d found nothing to do; all answered "
                + "within %.0f s", commands, ok, bigRuns.size(), peakBig, maxGapMs, creating, big.students(),
                answers.stream().mapToInt(a -> a.path("created").asInt()).sum(), nothing, commandsTook));
        line("records lost", failures == 0 ? "0" : "CHECKS FAILED: " + failures);
    }

    /** Schools listed by school:list. */
    static int listed(KarafHost host) throws Exception {
        return JSON.readTree(KarafClient.json(host.client().command("school:list --json"))).size();
    }

    /** Scheduled schools whose last sync is recorded. */
    private static int synced(KarafHost host) throws Exception {
        int n = 0;
        for (JsonNode school : JSON.readTree(KarafClient.json(host.client().command("school:list --json")))) {
            if (school.path("school").asText().startsWith("school-") && !school.path("lastSync").isNull()) {
                n++;
            }
        }
        return n;
    }

    /** The most runs whose [started, finished] intervals overlap at one moment. */
    static int peakOverlap(List<HostStore.Run> runs) {
        record Edge(Instant at, int delta) {
        }
        List<Edge> edges = new ArrayList<>();
        for (HostStore.Run r : runs) {
            edges.add(new Edge(r.startedAt(), 1));
            edges.add(new Edge(r.finishedAt(), -1));
        }
        // an end before a start at the same instant: back-to-back runs do not overlap
        edges.sort(Comparator.comparing(Edge::at).thenComparingInt(Edge::delta));
        int now = 0;
        int peak = 0;
        for (Edge e : edges) {
            now += e.delta();
            peak = Math.max(peak, now);
        }
        return peak;
    }

    private void line(String what, String figure) {
        report.line(what, figure);
    }
}
