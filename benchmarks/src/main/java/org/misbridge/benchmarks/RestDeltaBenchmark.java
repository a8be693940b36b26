package org.misbridge.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.SyncProgress;
import org.misbridge.api.directory.RowCounts;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.mis.http.HttpSettings;
import org.misbridge.mis.http.MisHttpClient;
import org.misbridge.mis.oneroster.internal.OneRosterRestReader;
import org.misbridge.mis.oneroster.internal.RestSettings;
import org.misbridge.scheduler.internal.SyncScheduler;
import org.misbridge.sync.internal.SchoolHarness;
import org.misbridge.sync.internal.SyncServiceComponent;
import org.misbridge.testkit.SchoolGenerator;

/**
 * Issue 21's REST delta figure: a school read from a OneRoster REST API (the testkit's, on
 * 127.0.0.1) with deltas on, synced whole once, then again with nothing changed, after 10 students
 * changed their names, and after 10 students moved to another homeroom of their year (their
 * enrolments pointed at another class), which the reader fetches with a {@code dateLastModified}
 * filter and applies to the records it keeps. Each delta sync is timed end to end, the store
 * included, against the full sync of the same run.
 *
 * <p>Arguments: sizes (comma-separated student counts), runs, stores (h2,pg), {@code api-jvm} to
 * serve the API from a JVM of its own ({@link ServedApi}) (or anything else not to), and {@code v12}
 * for OneRoster 1.2 (else 1.1). Prints Markdown.
 */
public final class RestDeltaBenchmark {

    private static final int CHANGED = 10;

    private RestDeltaBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = Arrays.stream(SyncBenchmark.arg(args, 0, "10000,100000").split(",")).mapToInt(Integer::parseInt).toArray();
        int runs = Integer.parseInt(SyncBenchmark.arg(args, 1, "3"));
        List<String> stores = List.of(SyncBenchmark.arg(args, 2, "h2,pg").split(","));
        // api-jvm: the API in a JVM of its own, so that its copy of the school is not in the heap measured
        boolean apiJvm = "api-jvm".equals(SyncBenchmark.arg(args, 3, ""));
        // v12: the API and the reader speak OneRoster 1.2 (users carry their roles), else 1.1
        boolean v12 = "v12".equals(SyncBenchmark.arg(args, 4, "").strip());
        Path work = Files.createTempDirectory("misbridge-rest-delta");
        SyncScheduler scheduler = SchoolHarness.newScheduler();
        System.out.println("| students | store | figure | min ms | median ms | max ms | % of the full sync (median) | rows loaded | rows written |");
        System.out.println("|---:|---|---|---:|---:|---:|---:|---:|---:|");
        for (int size : sizes) {
            Path csv = work.resolve("school-" + size);
            SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-bench", size, 42L), csv);
            List<String> students = studentIds(csv.resolve("users.csv"));
            List<String[]> moves = homeroomMoves(csv.resolve("enrollments.csv"), students);
            Map<String, List<Long>> times = new HashMap<>();
            Map<String, RowCounts> rows = new HashMap<>();
            for (int r = -1; r < runs; r++) { // run -1 warms the JIT up, untimed
                for (String store : stores) {
                    try (ServedApi api = ServedApi.start(csv, apiJvm, v12);
                            MisHttpClient http = new MisHttpClient("bench", HttpSettings.defaults()
                                    .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(120)));
                            BenchStore s = BenchStore.open(store, Files.createDirectories(
                                    work.resolve("db-" + size + "-" + store + "-" + (r + 1))))) {
                        OneRosterRestReader reader = new OneRosterRestReader("bench",
                                new RestSettings(api.baseUrl(), v12, 1000, true, Duration.ofHours(24)), null, http,
                                http.clientCredentials(api.tokenUrl(), ServedApi.CLIENT, ServedApi.SECRET, null), Clock.systemUTC());
                        SyncServiceComponent service = SchoolHarness.school("bench").reader(reader).store(s.directory)
                                .scheduler(scheduler).settings(Map.of("import_preAdmissions", true, "contacts_maxPriority", 2))
                                .onDemand().build().service();
                        timed(r, store + "|full sync over REST into an empty directory", service, times, rows);
                        timed(r, store + "|delta sync, nothing changed", service, times, rows);
                        for (int i = 0; i < CHANGED; i++) {
                            String id = students.get(i * (students.size() / CHANGED));
                            api.modify("users", id, "familyName", "Changed-" + r + "-" + i);
                        }
                        timed(r, store + "|delta sync, " + CHANGED + " students changed", service, times, rows);
                        for (String[] move : moves) { // back and forth, so that every run moves them
                            api.refer("enrollments", move[0], "class", r % 2 == 0 ? move[2] : move[1], "class");
                        }
                        timed(r, store + "|delta sync, " + CHANGED + " students moved class", service, times, rows);
                    }
                }
            }
            for (String store : stores) {
                long full = median(times.get(store + "|full sync over REST into an empty directory"));
                for (String name : List.of("full sync over REST into an empty directory", "delta sync, nothing changed",
                        "delta sync, " + CHANGED + " students changed", "delta sync, " + CHANGED + " students moved class")) {
                    List<Long> t = times.get(store + "|" + name);
                    RowCounts c = rows.get(store + "|" + name);
                    System.out.printf(Locale.ROOT, "| %,d | %s | %s | %d | %d | %d | %.1f%% | %,d | %,d |%n", size, store, name,
                            t.stream().mapToLong(Long::longValue).min().orElse(0), median(t),
                            t.stream().mapToLong(Long::longValue).max().orElse(0), 100.0 * median(t) / full,
                            c == null ? 0 : c.loaded(), c == null ? 0 : c.written());
                }
            }
        }
        System.exit(0); // the sync components' executors are not daemons
    }

    /** Syncs once (forced), and from {@code run} 0 on records its time and its run's rows under {@code key}. */
    public static void timed(int run, String key, SyncServiceComponent service, Map<String, List<Long>> times,
            Map<String, RowCounts> rows) {
        long start = System.nanoTime();
        SyncRun result = service.sync("bench", new SyncOptions(false, true),
                Boolean.getBoolean("bench.progress") ? step -> System.err.println("  " + key + ": " + step) : SyncProgress.NONE);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (result.outcome() != SyncOutcome.SUCCESS) {
            throw new IllegalStateException(key + " did not succeed: " + result.message());
        }
        if (run >= 0) {
            times.computeIfAbsent(key, k -> new ArrayList<>()).add(millis);
            rows.put(key, result.rows());
        }
    }

    public static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /**
     * For 10 students spread over the roll, their homeroom enrolment (a generated homeroom is
     * {@code ...-cls-<year><letter>}), its class and another homeroom of the same year: {enrolment,
     * class, other class}.
     */
    private static List<String[]> homeroomMoves(Path enrollments, List<String> students) throws Exception {
        java.util.regex.Pattern homeroom = java.util.regex.Pattern.compile(".*-cls-(\\d+)[A-Z]$");
        List<String> lines = Files.readAllLines(enrollments, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(",", -1));
        int id = header.indexOf("sourcedId");
        int cls = header.indexOf("classSourcedId");
        int user = header.indexOf("userSourcedId");
        Map<String, java.util.TreeSet<String>> byYear = new HashMap<>();
        Map<String, String[]> ofStudent = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            java.util.regex.Matcher m = homeroom.matcher(f[cls]);
            if (m.matches()) {
                byYear.computeIfAbsent(m.group(1), k -> new java.util.TreeSet<>()).add(f[cls]);
                ofStudent.putIfAbsent(f[user], new String[] {f[id], f[cls], m.group(1)});
            }
        }
        List<String[]> moves = new ArrayList<>();
        for (int k = 0; k < CHANGED; k++) { // from each tenth of the roll, its first student with a homeroom to leave
            for (int i = k * (students.size() / CHANGED); i < students.size(); i++) {
                String[] e = ofStudent.get(students.get(i));
                String other = e == null ? null : byYear.get(e[2]).stream().filter(c -> !c.equals(e[1])).findFirst().orElse(null);
                if (other != null) {
                    moves.add(new String[] {e[0], e[1], other});
                    break;
                }
            }
        }
        if (moves.size() < CHANGED) {
            throw new IllegalStateException("only " + moves.size() + " students with a homeroom to move found");
        }
        return moves;
    }

    /** The sourcedIds of the students in a generated users.csv (the generator writes no quoted commas). */
    private static List<String> studentIds(Path users) throws Exception {
        List<String> ids = new ArrayList<>();
        List<String> lines = Files.readAllLines(users, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(",", -1));
        int id = header.indexOf("sourcedId");
        int role = header.indexOf("role");
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.split(",", -1);
            if ("student".equals(cols[role])) {
                ids.add(cols[id]);
            }
        }
        return ids;
    }
}
