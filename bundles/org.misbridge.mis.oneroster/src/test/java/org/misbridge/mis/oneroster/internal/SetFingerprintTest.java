package org.misbridge.mis.oneroster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.testkit.SchoolGenerator;

/**
 * The fingerprint a sync compares to skip a read (issue 21): a SHA-256 of a canonical form of the
 * files a read would parse and of the reader's settings, so any change a read could see changes it,
 * and the stamp, which moves whenever a file is written.
 */
class SetFingerprintTest {

    @TempDir
    Path root;
    private Path set;
    private final Clock clock = Clock.fixed(SchoolGenerator.DEFAULT_TODAY.atTime(7, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    @BeforeEach
    void files() throws IOException {
        set = root.resolve("school");
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-fp", 30, 3L), set);
    }

    private OneRosterCsvReader reader() {
        return new OneRosterCsvReader("fp", set, null, clock, Limits.defaults());
    }

    private List<Path> csvFiles() throws IOException {
        try (Stream<Path> files = Files.list(set)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
    }

    @Test
    void everyByteOfEveryCsvFileIsInTheFingerprint() throws Exception {
        String original = reader().fingerprint();
        assertThat(original).matches("[0-9a-f]{64}");
        Set<String> seen = new HashSet<>();
        seen.add(original);
        for (Path file : csvFiles()) {
            byte[] bytes = Files.readAllBytes(file);
            for (int at : new int[] {0, bytes.length / 2, bytes.length - 1}) {
                byte[] changed = bytes.clone();
                changed[at] ^= 1;
                Files.write(file, changed);
                assertThat(seen.add(reader().fingerprint())).as(file.getFileName() + " byte " + at).isTrue();
            }
            Files.write(file, bytes);
        }
        assertThat(reader().fingerprint()).isEqualTo(original);
    }

    @Test
    void bytesMovedFromOneFileToTheNextChangeTheFingerprint() throws Exception {
        Path orgs = set.resolve("orgs.csv");
        Path users = set.resolve("users.csv");
        String original = reader().fingerprint();
        byte[] orgBytes = Files.readAllBytes(orgs);
        byte[] userBytes = Files.readAllBytes(users);
        // the same bytes in the same order across the two files, one moved over the boundary
        Files.write(orgs, java.util.Arrays.copyOf(orgBytes, orgBytes.length - 1));
        byte[] moved = new byte[userBytes.length + 1];
        moved[0] = orgBytes[orgBytes.length - 1];
        System.arraycopy(userBytes, 0, moved, 1, userBytes.length);
        Files.write(users, moved);

        assertThat(reader().fingerprint()).isNotEqualTo(original);
    }

    @Test
    void theReadersSettingsAndDayAreInItAndFilesAReadNeverOpensAreNot() throws Exception {
        String original = reader().fingerprint();
        assertThat(new OneRosterCsvReader("fp", set, "org-other", clock, Limits.defaults()).fingerprint()).isNotEqualTo(original);
        assertThat(new OneRosterCsvReader("fp", set, null, clock, Limits.defaults(), StandardCharsets.ISO_8859_1).fingerprint())
                .isNotEqualTo(original);
        assertThat(new OneRosterCsvReader("fp", set, null, Clock.offset(clock, Duration.ofDays(1)), Limits.defaults())
                .fingerprint()).isNotEqualTo(original);
        Files.writeString(set.resolve("notes.txt"), "not a CSV file: no read opens it");
        assertThat(reader().fingerprint()).isEqualTo(original);
    }

    @Test
    void theStampMovesWhenAFileIsWrittenTheFingerprintOnlyWhenItsBytesChange() throws Exception {
        String stamp = reader().stamp();
        String fingerprint = reader().fingerprint();
        Path users = set.resolve("users.csv");
        Files.setLastModifiedTime(users, FileTime.fromMillis(Files.getLastModifiedTime(users).toMillis() + 5_000));

        assertThat(reader().stamp()).isNotEqualTo(stamp);
        assertThat(reader().fingerprint()).isEqualTo(fingerprint);
    }

    @Test
    void aFileThatIsALinkOutOfTheSchoolsFolderGivesNoFingerprint() throws Exception {
        Path outside = Files.createTempFile("outside", ".csv");
        try {
            Files.writeString(outside, "sourcedId\n");
            Files.createSymbolicLink(set.resolve("extra.csv"), outside);
            assertThat(reader().fingerprint()).isNull();
            assertThat(reader().stamp()).isNull();
        } finally {
            Files.deleteIfExists(outside);
        }
    }
}
