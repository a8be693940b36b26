package org.misbridge.mis.ctf.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.spi.MisReadException;

/** Which file is read: ctf.path itself, or the newest .xml in that folder (ties: the name sorting last). */
class CtfFilesTest {

    private static final Instant MONDAY = Instant.parse("2025-11-17T08:00:00Z");

    @TempDir
    Path temp;

    private Path file(String name, Instant modified) throws IOException {
        Path file = Files.writeString(temp.resolve(name), "<CTfile/>");
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    @Test
    void theNewestXmlFileInTheFolderIsRead() throws Exception {
        file("9994001_CTF_9994002_001.xml", MONDAY);
        Path newest = file("9994001_CTF_9994002_002.xml", MONDAY.plusSeconds(3600));
        file("older-but-later-name.xml", MONDAY.minusSeconds(60));
        assertThat(CtfFiles.choose(temp)).isEqualTo(newest);
    }

    @Test
    void onATieTheNameThatSortsLastWins() throws Exception {
        file("9994001_CTF_9994002_003.xml", MONDAY);
        Path last = file("9994001_CTF_9994002_004.xml", MONDAY);
        file("9994001_CTF_9994002_002.xml", MONDAY);
        assertThat(CtfFiles.choose(temp)).isEqualTo(last);
    }

    @Test
    void otherFilesAndFoldersAreIgnoredAndTheExtensionMatchesAnyCase() throws Exception {
        Path xml = file("export.XML", MONDAY);
        file("notes.txt", MONDAY.plusSeconds(60));
        file("export.xml.part", MONDAY.plusSeconds(60));
        Files.createDirectories(temp.resolve("newer.xml"));
        assertThat(CtfFiles.choose(temp)).isEqualTo(xml);
    }

    @Test
    void aFolderWithNoXmlFileFailsClearly() throws Exception {
        file("notes.txt", MONDAY);
        assertThatThrownBy(() -> CtfFiles.choose(temp)).isInstanceOf(MisReadException.class)
                .hasMessageContaining("ctf.path").hasMessageContaining("holds no .xml file");
    }

    @Test
    void aFileIsReadAsItIs() throws Exception {
        Path named = file("whatever.dat", MONDAY);
        assertThat(CtfFiles.choose(named)).isEqualTo(named);
    }

    @Test
    void aMissingPathFailsClearly() {
        Path missing = temp.resolve("not-yet");
        assertThatThrownBy(() -> CtfFiles.choose(missing)).isInstanceOf(MisReadException.class)
                .hasMessageContaining(missing + " does not exist");
    }

    @Test
    void theReaderReadsTheNewestFileOfTheFolder() throws Exception {
        Path old = CtfFixtures.write(temp.resolve("a.xml"), CtfFixtures.ctf(CtfFixtures.header("partial"),
                CtfFixtures.pupil("A999400100001", "")));
        Files.setLastModifiedTime(old, FileTime.from(MONDAY));
        Path fresh = CtfFixtures.write(temp.resolve("b.xml"), CtfFixtures.ctf(CtfFixtures.header("partial"),
                CtfFixtures.pupil("A999400100002", ""), CtfFixtures.pupil("A999400100003", "")));
        Files.setLastModifiedTime(fresh, FileTime.from(MONDAY.plusSeconds(1)));
        assertThat(CtfFixtures.read(temp).students()).extracting(s -> s.id()).containsExactly("A999400100002", "A999400100003");
    }

    @Test
    void somethingThatIsNotARegularFileIsRefusedUnread() throws Exception {
        Path devZero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(devZero), "no /dev/zero here");
        assertThatThrownBy(() -> CtfFixtures.read(devZero)).isInstanceOf(MisReadException.class)
                .hasMessageContaining("zero").hasMessageContaining("not a regular file");
    }
}
