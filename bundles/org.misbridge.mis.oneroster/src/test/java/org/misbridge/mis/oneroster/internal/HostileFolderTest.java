package org.misbridge.mis.oneroster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.misbridge.mis.oneroster.internal.OneRosterSets.clockAt;
import static org.misbridge.mis.oneroster.internal.OneRosterSets.set;
import static org.misbridge.mis.oneroster.internal.OneRosterSets.write;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.spi.MisReadException;

/**
 * Issue 18, items 7, 10 and 11 for OneRoster folders and zips: no link followed out of the
 * school's folder (refused before a byte of the target is read), errors that never print a file
 * beyond the cell they name, the zip byte cap on folders too (refused unread), and rows whose field
 * count differs from the header refused.
 */
class HostileFolderTest {

    private static final String OTHER_SCHOOLS_PUPIL = "x1,,,TRUE,org-1,student,x1,,Xenia,OtherSchool,,,,,,,7,\r\n";
    private static final String SECRET = "jasypt-master-password-Tr0ub4dor&3";

    @TempDir
    Path temp;

    private static MisReadException failure(Path set) {
        return catchThrowableOfType(MisReadException.class,
                () -> new OneRosterCsvReader("school-a", set, null, clockAt("2024-06-01"), Limits.defaults()).read());
    }

    private Path schoolA() throws IOException {
        return write(temp.resolve("school-a"), set("a1,,,TRUE,org-1,student,a1,,Amy,Able,,,,,,,7,\r\n", ""));
    }

    @Test
    void aUsersCsvLinkedToAnotherSchoolsFileIsRefused() throws Exception {
        Path b = write(temp.resolve("school-b"), set(OTHER_SCHOOLS_PUPIL, ""));
        Path a = schoolA();
        Files.delete(a.resolve("users.csv"));
        Files.createSymbolicLink(a.resolve("users.csv"), b.resolve("users.csv"));

        MisReadException e = failure(a);

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("users.csv", "link", "outside").doesNotContain("Xenia");
    }

    @Test
    void aUsersCsvLinkedToASecretFileIsRefusedWithoutPrintingIt() throws Exception {
        Path secret = Files.writeString(temp.resolve("master.password"), SECRET + "\n");
        Path a = schoolA();
        Files.delete(a.resolve("users.csv"));
        Files.createSymbolicLink(a.resolve("users.csv"), secret);

        MisReadException e = failure(a);

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("users.csv").doesNotContainIgnoringCase("tr0ub4dor");
    }

    @Test
    void aLinkOutIsRefusedBeforeItsTargetIsOpened() throws Exception {
        // a named pipe blocks whoever opens it for reading until a writer comes: a read that opened it would hang
        Path pipe = temp.resolve("pipe");
        assumeTrue(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor() == 0, "mkfifo is not available");
        Path a = schoolA();
        Files.delete(a.resolve("users.csv"));
        Files.createSymbolicLink(a.resolve("users.csv"), pipe);

        MisReadException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> failure(a));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("users.csv", "link");
    }

    @Test
    void aZipInAFolderOfSetsLinkedFromElsewhereIsRefused() throws Exception {
        Path elsewhere = OneRosterSets.zip(write(temp.resolve("b-files"), set(OTHER_SCHOOLS_PUPIL, "")), temp.resolve("b.zip"), "");
        Path sets = Files.createDirectories(temp.resolve("sets"));
        Files.createSymbolicLink(sets.resolve("2024-06-01-bulk.zip"), elsewhere);

        MisReadException e = failure(sets);

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("2024-06-01-bulk.zip", "link", "outside");
    }

    @Test
    void aLinkThatStaysInsideTheFolderIsRead() throws Exception {
        Path a = schoolA();
        Path real = Files.move(a.resolve("users.csv"), Files.createDirectories(a.resolve("exports")).resolve("users-2024.csv"));
        Files.createSymbolicLink(a.resolve("users.csv"), Path.of("exports").resolve(real.getFileName()));

        Snapshot snapshot = new OneRosterCsvReader("school-a", a, null, clockAt("2024-06-01"), Limits.defaults()).read();

        assertThat(snapshot.students()).extracting(s -> s.id()).containsExactly("a1");
    }

    @Test
    void aSparse2GigabyteUsersCsvIsRefusedUnread() throws Exception {
        Path a = schoolA();
        try (RandomAccessFile file = new RandomAccessFile(a.resolve("users.csv").toFile(), "rw")) {
            file.setLength(2L * 1024 * 1024 * 1024); // sparse: no disk, and 2 GiB of NUL bytes to whoever reads it
        }

        MisReadException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> failure(a));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("users.csv", "2147483648 bytes", "536870912", "refused unread");
    }

    @Test
    void aFolderWhoseFilesTogetherPassTheCapIsRefusedUnread() throws Exception {
        Path a = schoolA();
        long each = 300L * 1024 * 1024;
        for (String name : new String[] {"classes.csv", "enrollments.csv"}) {
            try (RandomAccessFile file = new RandomAccessFile(a.resolve(name).toFile(), "rw")) {
                file.setLength(each);
            }
        }

        MisReadException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> failure(a));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("536870912", "refused unread");
    }

    @Test
    void aHeaderErrorPrintsEachColumnShortAndEscapedNeverTheWholeLine() throws Exception {
        Path a = schoolA();
        String line = "root:" + "x".repeat(5000) + "\u001b[2J\u0007" + ",second\tcell," + SECRET.repeat(50);
        Files.writeString(a.resolve("users.csv"), line + "\nnext line stays unread " + SECRET + "\n");

        MisReadException e = failure(a);

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("users.csv", "row 1", "the header has no column sourcedId")
                .doesNotContain("next line").doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\t")
                .contains("\\t");
        assertThat(e.getMessage().length()).isLessThan(600);
    }

    @Test
    void aBadValueIsShownTruncatedWithItsControlCharactersEscaped() throws Exception {
        Map<String, String> files = set("s1,,,TRUE,org-1,student,s1,,Amy,Able,,,,,,,7,\r\n",
                "e1,,,cls-1,org-1,s1,student,false,\"" + "9".repeat(10_000) + "\r\n\u001b]0;pwned\u0007\",\r\n");
        MisReadException e = failure(write(temp.resolve("dates"), files));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("enrollments.csv", "row 2", "beginDate", "is not a date")
                .doesNotContain("\u001b").doesNotContain("\r").doesNotContain("\n").doesNotContain("9".repeat(200));
        assertThat(e.getMessage().length()).isLessThan(400);
    }

    @Test
    void aRowWithMoreFieldsThanTheHeaderIsRefusedWithBothCounts() throws Exception {
        // an unquoted comma in a name shifts every later field: the parent link would be lost
        MisReadException e = failure(write(temp.resolve("more"), set(
                "s1,,,TRUE,org-1,student,s1,,Amy,Able,,,,,,p1,7,\r\n"
                        + "p1,,,TRUE,org-1,parent,p1,,Pat,Able, Jr,,,pat@example.org,,,s1,,\r\n", "")));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).isEqualTo("users.csv, row 3: the row has 19 fields but the header has 18; a value with "
                + "a comma must be in double quotes");
    }

    @Test
    void aRowWithFewerFieldsThanTheHeaderIsRefusedWithBothCounts() throws Exception {
        MisReadException e = failure(write(temp.resolve("fewer"), set("s1,,,TRUE,org-1,student,s1,,Amy,Able\r\n", "")));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("users.csv, row 2: the row has 10 fields but the header has 18");
    }

    @Test
    void aFileOfNonTextBytesIsRefusedWithTheBytesEscaped() throws Exception {
        Path a = schoolA();
        byte[] garbage = new byte[4096];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 31 + 7);
        }
        Files.write(a.resolve("users.csv"), garbage);

        MisReadException e = failure(a);

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("users.csv");
        assertThat(e.getMessage().chars().filter(c -> c < 0x20 || c == 0x7f).count()).isZero();
        assertThat(e.getMessage().getBytes(StandardCharsets.UTF_8).length).isLessThan(600);
    }
}
