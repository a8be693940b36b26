package org.misbridge.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.misbridge.mis.oneroster.internal.CsvDeltas;
import org.misbridge.mis.oneroster.internal.KeptReads;
import org.misbridge.mis.oneroster.internal.Limits;
import org.misbridge.mis.oneroster.internal.OneRosterCsvReader;
import org.misbridge.testkit.SchoolGenerator;

/**
 * Large schools that outnumber the host's budget for kept reads ({@code oneroster.csv.deltas=auto}):
 * copies of one generated school, each with its own reader, the budget room for one read and a half,
 * read round after round in turn, their files unchanged. Prints the time of all the reads and how many
 * reads are kept at the end; {@code off} reads with deltas off, for comparison.
 *
 * <p>Arguments: schools, students, rounds, {@code auto} or {@code off}.
 */
public final class KeptReadsChurnBenchmark {

    private KeptReadsChurnBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int schools = Integer.parseInt(SyncBenchmark.arg(args, 0, "3"));
        int size = Integer.parseInt(SyncBenchmark.arg(args, 1, "10000"));
        int rounds = Integer.parseInt(SyncBenchmark.arg(args, 2, "8"));
        boolean auto = !"off".equals(SyncBenchmark.arg(args, 3, "auto"));
        Path work = Files.createTempDirectory("misbridge-churn");
        Path first = work.resolve("school-0");
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-churn", size, 42L), first);
        long rows = 0;
        for (String file : new String[] {"users.csv", "enrollments.csv"}) {
            try (Stream<String> lines = Files.lines(first.resolve(file), StandardCharsets.UTF_8)) {
                rows += lines.count() - 1;
            }
        }
        KeptReads budget = new KeptReads(rows * KeptReads.BYTES_PER_ROW * 3 / 2);
        List<OneRosterCsvReader> readers = new ArrayList<>();
        for (int i = 0; i < schools; i++) {
            Path folder = work.resolve("school-" + i);
            if (i > 0) {
                Files.createDirectories(folder);
                try (Stream<Path> files = Files.list(first)) {
                    for (Path f : files.toList()) {
                        Files.copy(f, folder.resolve(f.getFileName()));
                    }
                }
            }
            readers.add(new OneRosterCsvReader("school-" + i, folder, null, Clock.systemUTC(), Limits.defaults(),
                    StandardCharsets.UTF_8, auto ? CsvDeltas.AUTO : CsvDeltas.OFF, budget));
        }
        OneRosterCsvReader warm = new OneRosterCsvReader("warm", first, null, Clock.systemUTC(), Limits.defaults());
        for (int i = 0; i < 3; i++) {
            warm.read(); // the JIT's warm-up, outside the budget
        }
        long start = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            for (OneRosterCsvReader reader : readers) {
                reader.read();
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("%s: %d schools of %,d students, %d rounds of reads: %d ms; reads kept at the end: %d%n",
                auto ? "auto" : "off", schools, size, rounds, ms, budget.keptReads());
        System.exit(0);
    }
}
