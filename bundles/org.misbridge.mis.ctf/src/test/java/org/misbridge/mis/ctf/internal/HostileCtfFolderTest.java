package org.misbridge.mis.ctf.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.spi.MisReadException;

/**
 * Issue 18, items 7 and 10 for a CTF folder: the newest file is never read through a link out of
 * the school's folder (refused before the target is opened), the byte cap holds for a sparse file,
 * and an error shows a value only truncated with its control characters escaped.
 */
class HostileCtfFolderTest {

    @TempDir
    Path temp;

    private static MisReadException failure(Path path) {
        return catchThrowableOfType(MisReadException.class, () -> CtfFixtures.read(path));
    }

    private Path schoolFolder() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("school-a"));
        Path own = CtfFixtures.knownSchool(folder);
        Files.setLastModifiedTime(own, FileTime.from(Instant.parse("2025-11-17T08:00:00Z")));
        return folder;
    }

    @Test
    void theNewestXmlLinkedToAnotherSchoolsFileIsRefused() throws Exception {
        Path folder = schoolFolder();
        Path other = CtfFixtures.write(temp.resolve("school-b").resolve("b.xml"), CtfFixtures.ctf(CtfFixtures.header("full"),
                CtfFixtures.pupil("A999999999999", "")));
        Files.createSymbolicLink(folder.resolve("zz-newest.xml"), other);

        MisReadException e = failure(folder);

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("zz-newest.xml", "link", "outside");
    }

    @Test
    void aLinkToAPipeIsRefusedWithoutOpeningIt() throws Exception {
        Path pipe = temp.resolve("pipe");
        assumeTrue(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor() == 0, "mkfifo is not available");
        Path folder = Files.createDirectories(temp.resolve("school-a"));
        Path link = Files.createSymbolicLink(folder.resolve("export.xml"), pipe);

        MisReadException fromFolder = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> failure(folder));
        MisReadException fromFile = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> failure(link));

        assertThat(fromFolder).isNotNull();
        assertThat(fromFile).isNotNull();
        assertThat(fromFile.getMessage()).contains("export.xml", "link");
    }

    @Test
    void aLinkInsideTheFolderIsRead() throws Exception {
        Path folder = schoolFolder();
        Files.createSymbolicLink(folder.resolve("latest.xml"), Path.of("known.xml"));

        Snapshot snapshot = CtfFixtures.read(folder);

        assertThat(snapshot.students()).isNotEmpty();
    }

    @Test
    void aSparse3GigabyteCtfIsRefusedUnread() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("school-a"));
        try (RandomAccessFile file = new RandomAccessFile(folder.resolve("big.xml").toFile(), "rw")) {
            file.setLength(3L * 1024 * 1024 * 1024);
        }

        MisReadException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> failure(folder));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("big.xml", "3221225472 bytes", "refused unread");
    }

    @Test
    void aBadValueIsShownTruncatedWithItsControlCharactersEscaped() throws Exception {
        Path file = CtfFixtures.write(temp.resolve("bad.xml"), CtfFixtures.ctf(CtfFixtures.header("full"),
                CtfFixtures.pupil("A123456789012", "<SchoolHistory><School><LEA>999</LEA><Estab>4001</Estab><EntryDate>"
                        + "1".repeat(20_000) + "&#8238;&#10;&#9;evil</EntryDate></School></SchoolHistory>")));

        MisReadException e = failure(file);

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("EntryDate", "is not a date").doesNotContain("\u202e").doesNotContain("\n")
                .doesNotContain("\t").doesNotContain("1".repeat(200));
        assertThat(e.getMessage().length()).isLessThan(400);
    }
}
