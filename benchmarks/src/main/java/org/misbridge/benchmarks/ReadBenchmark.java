package org.misbridge.benchmarks;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.misbridge.mis.http.HttpSettings;
import org.misbridge.mis.http.MisHttpClient;
import org.misbridge.mis.oneroster.internal.Limits;
import org.misbridge.mis.oneroster.internal.OneRosterCsvReader;
import org.misbridge.mis.oneroster.internal.OneRosterRestReader;
import org.misbridge.mis.oneroster.internal.RestSettings;
import org.misbridge.testkit.FakeOneRosterApi;
import org.misbridge.testkit.SchoolGenerator;

/**
 * The OneRoster readers' throughput on a generated district (ten schools, all read): the raw
 * parse of every CSV file with commons-csv alone (the floor), the CSV reader into a snapshot, and
 * the REST reader against a FakeOneRosterApi on 127.0.0.1 serving the same records (its figure
 * includes the server's JSON writing, in the same JVM and on the same two cores).
 */
public final class ReadBenchmark {

    private ReadBenchmark() {
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = Arrays.stream(SyncBenchmark.arg(args, 0, "100000").split(",")).mapToInt(Integer::parseInt).toArray();
        int runs = Integer.parseInt(SyncBenchmark.arg(args, 1, "3"));
        Path work = Files.createTempDirectory("misbridge-read-bench");
        System.out.println("| students | CSV MB | rows | figure | min ms | median ms | max ms | rows/s (median) | MB/s (median) | × parse |");
        System.out.println("|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|");
        for (int size : sizes) {
            Path csv = work.resolve("district-" + size);
            List<SchoolGenerator.Spec> schools = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                schools.add(SchoolGenerator.Spec.of("org-" + i, size / 10, 100L + i));
            }
            SchoolGenerator.writeDistrict("district", schools, csv);
            long bytes = csvBytes(csv);
            long[] rows = {0};
            long parse = report(size, bytes, rows, "raw CSV parse (commons-csv alone)", runs, () -> rows[0] = parseAll(csv), 0);
            report(size, bytes, rows, "OneRoster CSV reader into a snapshot", runs,
                    () -> new OneRosterCsvReader("bench", csv, null, Clock.systemUTC(), Limits.defaults()).read(), parse);
            // a new reader each time: its first read, which hashes every file and keeps its records
            report(size, bytes, rows, "OneRoster CSV reader with deltas on, a first read", runs,
                    () -> new OneRosterCsvReader("bench", csv, null, Clock.systemUTC(), Limits.defaults(),
                            StandardCharsets.UTF_8, true).read(), parse);
            for (boolean v12 : new boolean[] {false, true}) { // 1.2 users carry their roles
                try (FakeOneRosterApi api = FakeOneRosterApi.start(csv, v12, "bench", "bench-secret");
                        MisHttpClient http = new MisHttpClient("bench", HttpSettings.defaults()
                                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(120)))) {
                    RestSettings rest = new RestSettings(api.baseUrl(), v12, 1000, false, Duration.ofHours(24));
                    report(size, bytes, rows, "OneRoster " + (v12 ? "1.2" : "1.1")
                            + " REST reader, pages of 1000 (server in the same JVM)", runs,
                            () -> new OneRosterRestReader("bench", rest, null, http,
                                    http.clientCredentials(api.tokenUrl(), "bench", "bench-secret", null), Clock.systemUTC()).read(),
                            parse);
                }
            }
        }
        System.exit(0);
    }

    private static long report(int size, long bytes, long[] rows, String name, int runs, Work work, long parseMedian) throws Exception {
        work.run(); // warm-up, untimed
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.run();
            times.add((System.nanoTime() - start) / 1_000_000);
        }
        List<Long> sorted = times.stream().sorted().toList();
        long median = sorted.get(sorted.size() / 2);
        double seconds = Math.max(1, median) / 1000.0;
        System.out.printf(Locale.ROOT, "| %d | %.1f | %d | %s | %d | %d | %d | %.0f | %.1f | %s |%n", size, bytes / 1e6, rows[0], name,
                sorted.get(0), median, sorted.get(sorted.size() - 1), rows[0] / seconds, bytes / 1e6 / seconds,
                parseMedian == 0 ? "1.0" : String.format(Locale.ROOT, "%.2f", (double) median / parseMedian));
        return median;
    }

    private static long csvBytes(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            long total = 0;
            for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
                total += Files.size(f);
            }
            return total;
        }
    }

    /** Every record of every file, each value touched; returns the number of data rows. */
    private static long parseAll(Path folder) throws IOException {
        long rows = 0;
        long chars = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
                        rows++;
                        for (String v : r) {
                            chars += v.length();
                        }
                    }
                }
            }
        }
        return chars >= 0 ? rows : -1;
    }
}
