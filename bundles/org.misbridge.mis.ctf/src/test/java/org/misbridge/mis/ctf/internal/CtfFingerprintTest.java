package org.misbridge.mis.ctf.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CTF school is not read again while its file hashes as at its last sync (issue 21): what the hash covers. */
class CtfFingerprintTest {

    @TempDir
    Path temp;

    @Test
    void everyByteOfTheFileTheReaderWouldTakeIsInTheFingerprintAndTheStampMovesWithItsTime() throws Exception {
        Path file = CtfFixtures.knownSchool(temp);
        CtfReader reader = CtfFixtures.reader(file);
        String fingerprint = reader.fingerprint();
        String stamp = reader.stamp();
        assertThat(fingerprint).matches("[0-9a-f]{64}");

        byte[] bytes = Files.readAllBytes(file);
        for (int at : new int[] {0, bytes.length / 2, bytes.length - 1}) {
            byte[] changed = bytes.clone();
            changed[at] ^= 1;
            Files.write(file, changed);
            assertThat(reader.fingerprint()).as("byte " + at).isNotEqualTo(fingerprint);
        }
        Files.write(file, bytes);
        assertThat(reader.fingerprint()).isEqualTo(fingerprint);

        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5_000));
        assertThat(reader.stamp()).isNotEqualTo(stamp);
        assertThat(reader.fingerprint()).isEqualTo(fingerprint);
        // another school's reading of the same file, or another day, is another fingerprint
        assertThat(new CtfReader("school-b", file, null, true, CtfLimits.defaults(), CtfFixtures.CLOCK).fingerprint())
                .isNotEqualTo(fingerprint);
        assertThat(new CtfReader("school-a", file, null, true, CtfLimits.defaults(),
                CtfFixtures.clockAt(CtfFixtures.TODAY.plusDays(1))).fingerprint()).isNotEqualTo(
                        new CtfReader("school-a", file, null, true, CtfLimits.defaults(), CtfFixtures.CLOCK).fingerprint());
    }
}
