package org.misbridge.benchmarks.host;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import org.misbridge.testkit.KarafHeap;
import org.misbridge.testkit.KarafHost;
import org.misbridge.testkit.SchoolGenerator;

/**
 * Issue 21's host figure: many schools on one host, on PostgreSQL, through a simulated day. The
 * default schedule ({@code 06:00,11:00,15:00,18:00}) is compressed so that one hour of the day takes
 * {@code minutesPerHour} real minutes, and the scheduler's misfire window (120 minutes by default) is
 * compressed by the same factor. The host boots with every school's two configuration files already
 * in {@code etc/} and an empty directory, so the first firing is every school's first sync.
 *
 * <p>Schools 1 to {@code schools - big} read one OneRoster folder of 1,000 generated students, the
 * others one of 5,000. After each firing has run for every school, 1% of the students of both
 * folders change (a family name), so the later firings write what a day of MIS edits would; with
 * {@code changes} {@code none}, the files stay as the first firing read them, as where the MIS exports
 * once a day, and the later firings find every school's files unchanged.
 *
 * <p>Checked from the host's own {@code dir_sync_run} rows: every school ran exactly once per firing,
 * all succeeded, and no run started later than the compressed misfire window after its firing time.
 * Measured: boot to every school listed, the heap (after a full GC idle, sampled during the day, after
 * a full GC at the end), and per firing the latest start and the time to the last finish.
 *
 * <p>Arguments: schools, of which big, minutesPerHour, heap MiB, changes ({@code 1%} or {@code none}). Prints a
 * Markdown table.
 */
public final class DayRun {

    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    /** The default schedule's times, as hours after the first one (06:00, 11:00, 15:00, 18:00). */
    private static final int[] FIRING_HOURS = {0, 5, 9, 12};
    private static final int DEFAULT_MISFIRE_MINUTES = 120;
    private static final int SMALL = 1_000;
    private static final int BIG = 5_000;

    private final Report report = new Report();
    private int failures;

    public static void main(String[] args) throws Exception {
        int schools = arg(args, 0, 1000);
        int big = arg(args, 1, 50);
        int minutesPerHour = arg(args, 2, 3);
        int heapMiB = arg(args, 3, 1024);
        String changes = args.length > 4 && !args[4].isBlank() && !args[4].startsWith("${") ? args[4].trim() : "1%";
        if (big > schools || minutesPerHour < 1 || !List.of("1%", "none").contains(changes)) {
            throw new IllegalArgumentException("usage: schools, big (at most schools), minutesPerHour (at least 1), heap MiB,"
                    + " changes between firings (1% or none)");
        }
        DayRun run = new DayRun();
        Path work = Files.createTempDirectory("misbridge-day-");
        KarafHost host = KarafHost.copy(KarafHost.builtAssembly(), work, "karaf");
        host.withoutDemo();
        host.freePorts();
        try (HostStore store = HostStore.of("pg", host)) {
            run.run(host, store, work, schools, big, minutesPerHour, heapMiB, changes.equals("1%"));
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

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i && !args[i].isBlank() && !args[i].startsWith("${") ? Integer.parseInt(args[i].trim()) : fallback;
    }

    private void run(KarafHost host, HostStore store, Path work, int schools, int big, int minutesPerHour, int heapMiB,
            boolean changeFiles) throws Exception {
        LocalDate today = LocalDate.now(ZONE);
        Path smallCsv = work.resolve("mis-small");
        Path bigCsv = work.resolve("mis-big");
        GeneratedSchool small = SchoolGenerator.writeOneRosterCsv(
                new SchoolGenerator.Spec("org-small", "Day Primary", SMALL, 7L, today), smallCsv);
        GeneratedSchool large = SchoolGenerator.writeOneRosterCsv(
                new SchoolGenerator.Spec("org-big", "Day Academy", BIG, 8L, today), bigCsv);
        int misfireMinutes = DEFAULT_MISFIRE_MINUTES * minutesPerHour / 60;
        if (misfireMinutes < 1) {
            throw new IllegalArgumentException("minutesPerHour " + minutesPerHour + " makes a misfire window under a minute");
        }
        host.put("org.misbridge.sync.scheduler.cfg", "misfireMinutes", misfireMinutes);

        // the day's first firing leaves time to boot with every school; the rest follow the default's gaps
        ZonedDateTime first = ZonedDateTime.now(ZONE).plusSeconds(60 + schools / 5).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        List<Instant> firings = new ArrayList<>();
        List<String> times = new ArrayList<>();
        for (int h : FIRING_HOURS) {
            ZonedDateTime at = first.plusMinutes((long) h * minutesPerHour);
            firings.add(at.toInstant());
            times.add(at.format(DateTimeFormatter.ofPattern("HH:mm")));
        }
        if (!first.plusMinutes(12L * minutesPerHour).toLocalDate().equals(first.toLocalDate())) {
            throw new IllegalStateException("the compressed day would cross midnight in " + ZONE + "; run again later");
        }
        String schedule = String.join(",", times);
        for (int i = 1; i <= schools; i++) {
            String id = "school-" + i;
            Path csv = i > schools - big ? bigCsv : smallCsv;
            host.write("org.misbridge.mis.oneroster-" + id + ".cfg", Map.of("school.id", id, "oneroster.csv.path", csv.toString()));
            host.write("org.misbridge.sync-" + id + ".cfg", Map.of("school.id", id, "reader.target", "(school.id=" + id + ")",
                    "timezone", ZONE.getId(), "schedule", schedule));
        }
        long booting = System.nanoTime();
        host.start("-Xmx" + heapMiB + "m");
        host.awaitSchoolCommands(Duration.ofMinutes(5));
        double toCommands = (System.nanoTime() - booting) / 1e9;
        while (SameMinuteRun.listed(host) < schools) {
            Thread.sleep(1000);
        }
        double toListed = (System.nanoTime() - booting) / 1e9;
        if (!Instant.now().isBefore(firings.get(0).minusSeconds(5))) {
            throw new IllegalStateException("the host listed the schools too late for the first firing at " + times.get(0)
                    + "; run again");
        }
        line("host", String.format("a copy of the built assembly on PostgreSQL, scheduler defaults (4 threads, in-memory "
                + "Quartz), heap capped at %d MiB", heapMiB));
        line("schools", String.format("%d: %d of %d generated students (%d on roll), %d of %d (%d on roll); %d students in all",
                schools, schools - big, small.students(), small.onRoll(), big, large.students(), large.onRoll(),
                (long) (schools - big) * small.students() + (long) big * large.students()));
        line("the day", String.format("schedule %s %s: the default 06:00,11:00,15:00,18:00 with an hour taking %d min; "
                + "misfire window %d min (the default 120 min, compressed alike)", schedule, ZONE.getId(), minutesPerHour,
                misfireMinutes));
        line("between firings", changeFiles ? "1% of the students of both folders change (a family name)"
                : "the files stay as the first firing read them");
        line("boot with every school in etc/", String.format("school commands after %.1f s, all %d schools listed after %.1f s",
                toCommands, schools, toListed));

        Path users = smallCsv.resolve("users.csv");
        Path bigUsers = bigCsv.resolve("users.csv");
        try (KarafHeap heap = host.heap()) {
            heap.gc();
            Thread.sleep(1000);
            long idle = heap.usedBytes();
            heap.resetPeaks();
            long sampledMax = 0;
            Instant giveUp = firings.get(firings.size() - 1).plus(Duration.ofMinutes(misfireMinutes + 20L));
            int done = 0;
            long nextCheck = 0;
            while (done < firings.size() && Instant.now().isBefore(giveUp)) {
                sampledMax = Math.max(sampledMax, heap.usedBytes());
                if (System.nanoTime() > nextCheck) {
                    Instant from = firings.get(done).minusSeconds(1);
                    // a run is recorded once it has read and planned, so its files may change from then on
                    if (Instant.now().isAfter(from) && store.schoolsStartedSince(from) >= schools) {
                        done++;
                        if (done < firings.size() && changeFiles) {
                            changeOnePercent(users, "F" + done);
                            changeOnePercent(bigUsers, "F" + done);
                        }
                    }
                    nextCheck = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                }
                Thread.sleep(200);
            }
            long peak = heap.peakBytes();
            heap.gc();
            Thread.sleep(1000);
            line("heap", String.format("after a full GC with the schools idle %d MiB; used, sampled every 0.2 s through the "
                    + "day, at most %d MiB; the heap pools' peaks, garbage included, %d MiB; after a full GC at the end "
                    + "%d MiB; cap %d MiB", idle >> 20, sampledMax >> 20, peak >> 20, heap.usedBytes() >> 20,
                    heap.maxBytes() >> 20));
        }
        host.stop();
        check(store.runs(), firings, times, schools, big, misfireMinutes);
    }

    private void check(List<HostStore.Run> runs, List<Instant> firings, List<String> times, int schools, int big,
            int misfireMinutes) {
        Duration window = Duration.ofMinutes(misfireMinutes);
        long outside = runs.stream().filter(r -> r.startedAt().isBefore(firings.get(0).minusSeconds(1))).count();
        for (int f = 0; f < firings.size(); f++) {
            Instant at = firings.get(f);
            Instant from = at.minusSeconds(1);
            Instant to = f + 1 < firings.size() ? firings.get(f + 1).minusSeconds(1) : Instant.MAX;
            List<HostStore.Run> inFiring = runs.stream()
                    .filter(r -> !r.startedAt().isBefore(from) && r.startedAt().isBefore(to)).toList();
            Map<String, Long> perSchool = inFiring.stream().collect(Collectors.groupingBy(HostStore.Run::schoolId,
                    Collectors.counting()));
            long once = perSchool.values().stream().filter(n -> n == 1).count();
            long twice = perSchool.values().stream().filter(n -> n > 1).count();
            long missing = schools - perSchool.size();
            long succeeded = inFiring.stream().filter(r -> r.outcome().equals("SUCCESS")).count();
            Duration latest = inFiring.stream().map(r -> Duration.between(at, r.startedAt()))
                    .max(Comparator.naturalOrder()).orElse(Duration.ZERO);
            Instant lastFinish = inFiring.stream().map(HostStore.Run::finishedAt).max(Comparator.naturalOrder())
                    .orElse(at);
            long written = inFiring.stream().mapToLong(r -> r.created() + r.updated() + r.removed()).sum();
            // a run that found its school's files, settings and day as at its last sync reads no row (SameInputs)
            long readNothing = inFiring.stream().filter(r -> r.rowsRead() == 0).count();
            String smallMedian = medianMillis(inFiring, r -> !isBig(r, schools, big));
            String bigMedian = medianMillis(inFiring, r -> isBig(r, schools, big));
            boolean ok = once == schools && twice == 0 && missing == 0 && succeeded == schools && latest.compareTo(window) <= 0;
            if (!ok) {
                failures++;
            }
            line("firing " + (f + 1) + " at " + times.get(f), String.format("%d of %d schools ran exactly once (%d more than "
                    + "once, %d missing), %d succeeded; latest start %.1f s after the firing (window %d s)%s; last finish "
                    + "%.1f s after it; median sync %s ms (1,000 students), %s ms (5,000); %,d directory rows "
                    + "created, updated or removed; %d runs read no file", once, schools, twice, missing, succeeded,
                    latest.toMillis() / 1000.0, window.toSeconds(), ok ? "" : " CHECK FAILED",
                    Duration.between(at, lastFinish).toMillis() / 1000.0, smallMedian, bigMedian, written, readNothing));
        }
        if (outside > 0) {
            failures++;
        }
        line("runs before the first firing", Long.toString(outside));
        line("checks", failures == 0 ? "all passed" : "FAILED: " + failures);
    }

    private static boolean isBig(HostStore.Run r, int schools, int big) {
        return Integer.parseInt(r.schoolId().substring("school-".length())) > schools - big;
    }

    private static String medianMillis(List<HostStore.Run> runs, java.util.function.Predicate<HostStore.Run> which) {
        List<Long> ms = runs.stream().filter(which).map(r -> Duration.between(r.startedAt(), r.finishedAt()).toMillis())
                .sorted().toList();
        return ms.isEmpty() ? "-" : String.format("%,d", ms.get(ms.size() / 2));
    }

    /** Changes the family name of every hundredth student; the file is replaced whole, so a read sees one or the other. */
    private static void changeOnePercent(Path users, String suffix) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(users, StandardCharsets.UTF_8));
        int students = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] cols = lines.get(i).split(",", -1);
            if ("student".equals(cols[5]) && students++ % 100 == 0) {
                cols[9] = cols[9] + "-" + suffix;
                lines.set(i, String.join(",", cols));
            }
        }
        Path tmp = users.resolveSibling(".users.csv.tmp");
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        Files.move(tmp, users, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void line(String what, String figure) {
        report.line(what, figure);
    }
}
