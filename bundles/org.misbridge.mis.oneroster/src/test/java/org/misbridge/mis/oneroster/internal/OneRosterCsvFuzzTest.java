package org.misbridge.mis.oneroster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.misbridge.mis.oneroster.internal.OneRosterSets.clockAt;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.spi.MisReadException;

/**
 * Coverage-guided fuzzing of the OneRoster CSV reader. The first byte of the input picks what it
 * replaces in an otherwise valid small set: {@code 0} users.csv, {@code 1} enrollments.csv,
 * {@code 2} classes.csv, {@code 3} manifest.csv, {@code 4} orgs.csv, {@code 5} the whole set as a
 * zip (only its low three bits count, so the seeds start with the digits {@code '0'}-{@code '5'});
 * the rest is the file. The read gives a snapshot or a {@link MisReadException} that names where
 * it failed; any other exception, error or hang is a finding. Without {@code JAZZER_FUZZ} only the
 * seeds in {@code OneRosterCsvFuzzTestInputs} run; see RELIABILITY.md for the long run.
 */
class OneRosterCsvFuzzTest {

    private static final Clock TODAY = clockAt("2025-11-23");
    private static final List<String> TARGETS = List.of(OneRosterCsvReader.USERS, OneRosterCsvReader.ENROLLMENTS,
            OneRosterCsvReader.CLASSES, OneRosterCsvReader.MANIFEST, OneRosterCsvReader.ORGS);
    private static final int ZIP = 5;

    private static final Map<String, String> VALID = OneRosterSets.set("""
            stu-1,,,TRUE,org-1,student,a1,,Amy,Able,,,,,,par-1,07,\r
            stu-2,,,TRUE,org-1,student,b2,,Ben,Baker,,,,,,par-2,07,\r
            par-1,,,TRUE,org-1,parent,p1,,Pat,Able,,,pat@example.org,07700900001,,stu-1,,\r
            par-2,,,TRUE,org-1,parent,p2,,Sam,Baker,,,sam@example.org,07700900002,,stu-2,,\r
            """, """
            e1,,,cls-1,org-1,stu-1,student,false,2025-09-01,2026-07-20\r
            e2,,,cls-1,org-1,stu-2,student,false,2025-09-01,2026-07-20\r
            e3,,,cls-reg,org-1,stu-1,student,true,2025-09-01,2026-07-20\r
            """);

    // one folder for the whole run: writing a fresh set for every input would cost more than the read
    private static final Path ROOT = createRoot();
    private static final Path SET = ROOT.resolve("set");
    private static final Path ZIP_FILE = ROOT.resolve("set.zip");

    private static Path createRoot() {
        try {
            Path root = Files.createTempDirectory("oneroster-fuzz");
            OneRosterSets.write(root.resolve("set"), VALID);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void deleteFolder() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    @FuzzTest(maxDuration = "5m")
    void anyFileInASetGivesASnapshotOrAnErrorNamingIt(byte[] input) throws IOException {
        int target = input.length == 0 ? 0 : input[0] & 7;
        byte[] content = input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
        Path csvPath;
        String replaced = null;
        if (target == ZIP) {
            Files.write(ZIP_FILE, content);
            csvPath = ZIP_FILE;
        } else {
            replaced = TARGETS.get(target < TARGETS.size() ? target : 0);
            Files.write(SET.resolve(replaced), content);
            csvPath = SET;
        }
        try {
            Snapshot snapshot = new OneRosterCsvReader("school-fuzz", csvPath, null, TODAY, Limits.defaults()).read();
            assertThat(snapshot.students()).isNotNull();
        } catch (MisReadException e) {
            assertThat(e.source()).isNotBlank();
        } finally {
            if (replaced != null) {
                Files.writeString(SET.resolve(replaced), VALID.get(replaced), StandardCharsets.UTF_8);
            }
        }
    }
}
