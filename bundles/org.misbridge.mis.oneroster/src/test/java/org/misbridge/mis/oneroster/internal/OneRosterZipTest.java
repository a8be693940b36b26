package org.misbridge.mis.oneroster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.misbridge.mis.oneroster.internal.OneRosterSets.clockAt;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.spi.MisReadException;

/** A zip is read in place, and refused before reading when it looks hostile. */
class OneRosterZipTest {

    @TempDir
    Path temp;

    private List<Map.Entry<String, byte[]>> validEntries() {
        List<Map.Entry<String, byte[]>> entries = new ArrayList<>();
        OneRosterSets.set("s1,,,TRUE,org-1,student,s1,,A,B,,,,,,,7,\r\n", "")
                .forEach((name, text) -> entries.add(Map.entry(name, text.getBytes(StandardCharsets.UTF_8))));
        return entries;
    }

    private Throwable readZip(List<Map.Entry<String, byte[]>> entries, Limits limits) throws Exception {
        Path zip = OneRosterSets.zipOf(temp.resolve("set.zip"), entries);
        return catchThrowable(() -> new OneRosterCsvReader("school-a", zip, null, clockAt("2024-06-01"), limits).read());
    }

    @Test
    void aValidZipIsReadInPlace() throws Exception {
        Path zip = OneRosterSets.zipOf(temp.resolve("set.zip"), validEntries());
        assertThat(new OneRosterCsvReader("school-a", zip, null, clockAt("2024-06-01"), Limits.defaults()).read().students()).hasSize(1);
        try (var files = Files.list(temp)) {
            assertThat(files).containsExactly(zip);
        }
    }

    @Test
    void anEntryClimbingOutOfTheZipIsRefused() throws Exception {
        List<Map.Entry<String, byte[]>> entries = validEntries();
        entries.add(Map.entry("../evil.csv", "x".getBytes(StandardCharsets.UTF_8)));
        assertThat(readZip(entries, Limits.defaults())).isInstanceOf(MisReadException.class).hasMessageContaining("../evil.csv");
    }

    @Test
    void anAbsoluteEntryNameIsRefused() throws Exception {
        List<Map.Entry<String, byte[]>> entries = validEntries();
        entries.add(Map.entry("/etc/users.csv", "x".getBytes(StandardCharsets.UTF_8)));
        assertThat(readZip(entries, Limits.defaults())).isInstanceOf(MisReadException.class).hasMessageContaining("absolute");
    }

    @Test
    void aZipBombRatioIsRefused() throws Exception {
        List<Map.Entry<String, byte[]>> entries = validEntries();
        entries.add(Map.entry("zeros.csv", new byte[10 * 1024 * 1024]));
        assertThat(readZip(entries, new Limits(64, 512L * 1024 * 1024, 100)))
                .isInstanceOf(MisReadException.class).hasMessageContaining("zeros.csv").hasMessageContaining("ratio");
    }

    @Test
    void anEntryClaimingTwoGigabytesIsRefusedBeforeAnythingIsRead() throws Exception {
        Path zip = OneRosterSets.zipOf(temp.resolve("set.zip"), validEntries());
        byte[] bytes = Files.readAllBytes(zip);
        // the central directory's "uncompressed size" of users.csv (offset 24 of its header) now says 2 GiB
        int patched = 0;
        for (int i = 0; i + 46 < bytes.length; i++) {
            if (bytes[i] == 0x50 && bytes[i + 1] == 0x4b && bytes[i + 2] == 0x01 && bytes[i + 3] == 0x02) {
                int nameLength = (bytes[i + 28] & 0xff) | (bytes[i + 29] & 0xff) << 8;
                String name = new String(bytes, i + 46, nameLength, StandardCharsets.UTF_8);
                if (name.equals("users.csv")) {
                    bytes[i + 24] = 0;
                    bytes[i + 25] = 0;
                    bytes[i + 26] = 0;
                    bytes[i + 27] = (byte) 0x80;
                    patched++;
                }
            }
        }
        assertThat(patched).isEqualTo(1);
        Files.write(zip, bytes);
        Throwable refused = catchThrowable(() -> new OneRosterCsvReader("school-a", zip, null, clockAt("2024-06-01"),
                Limits.defaults()).read());
        assertThat(refused).isInstanceOf(MisReadException.class).hasMessageContaining("set.zip")
                .hasMessageContaining("uncompressed size exceeds the limit of 536870912 bytes");
    }

    @Test
    void tooManyBytesInAllAreRefused() throws Exception {
        assertThat(readZip(validEntries(), new Limits(64, 200, 1000)))
                .isInstanceOf(MisReadException.class).hasMessageContaining("uncompressed size");
    }

    @Test
    void tooManyEntriesAreRefused() throws Exception {
        assertThat(readZip(validEntries(), new Limits(3, 1024, 100)))
                .isInstanceOf(MisReadException.class).hasMessageContaining("5 entries");
    }

    @Test
    void aFileThatIsNoZipFailsClearly() throws Exception {
        Path notZip = Files.writeString(temp.resolve("users.zip"), "sourcedId,role\r\n");
        Throwable failure = catchThrowable(() -> new OneRosterCsvReader("school-a", notZip, null, clockAt("2024-06-01"), Limits.defaults()).read());
        assertThat(failure).isInstanceOf(MisReadException.class).hasMessageContaining("users.zip").hasMessageContaining("zip");
    }
}
