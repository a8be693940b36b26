package org.misbridge.mis.ctf.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.spi.MisReadException;

/**
 * Coverage-guided fuzzing of the CTF reader: whatever bytes arrive as the XML file, the read gives a
 * snapshot or a {@link MisReadException} that names where it failed; any other exception, error or
 * hang is a finding. Without {@code JAZZER_FUZZ} only the seeds in {@code CtfXmlFuzzTestInputs} run
 * (valid files, broken ones and every past finding); see RELIABILITY.md for the long run.
 */
class CtfXmlFuzzTest {

    private static final String FILE = "fuzz.xml";
    private static final CtfReader READER =
            new CtfReader("school-fuzz", Path.of(FILE), null, true, CtfLimits.defaults(), CtfFixtures.CLOCK);

    @FuzzTest(maxDuration = "5m")
    void anyBytesGiveASnapshotOrAnErrorNamingTheFile(byte[] file) {
        try {
            Snapshot snapshot = READER.read(new ByteArrayInputStream(file), FILE);
            assertThat(snapshot.students()).isNotNull();
        } catch (MisReadException e) {
            assertThat(e.source()).isNotBlank();
        }
    }
}
