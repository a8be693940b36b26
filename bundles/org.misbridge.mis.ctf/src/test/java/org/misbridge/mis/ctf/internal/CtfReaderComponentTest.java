package org.misbridge.mis.ctf.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.internal.SchoolClaimsRegistry;
import org.misbridge.api.model.Coverage;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.testkit.Configs;
import org.misbridge.testkit.CtfWriter;

/** Activation validates the configuration and resolves ctf.path; the file is only looked at on read. */
class CtfReaderComponentTest {

    @TempDir
    Path temp;

    private static CtfReaderComponent activate(@Nullable String schoolId, @Nullable String ctfPath, @Nullable String karafHome) {
        return new CtfReaderComponent(config(schoolId, ctfPath, CtfLimits.DEFAULT_MAX_BYTES, "", false), CtfFixtures.CLOCK, karafHome, new SchoolClaimsRegistry());
    }

    @Test
    void aBlankCtfPathFailsActivationClearly() {
        assertThatThrownBy(() -> activate("school-a", " ", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ctf.path is blank");
        assertThatThrownBy(() -> activate("school-a", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ctf.path");
    }

    @Test
    void anInvalidSchoolIdFailsActivation() {
        assertThatThrownBy(() -> activate("School A", "/data", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("school.id");
    }

    @Test
    void aByteLimitBelowOneFailsActivation() {
        assertThatThrownBy(() -> new CtfReaderComponent(config("school-a", "/data", 0, "", false), CtfFixtures.CLOCK, null, new SchoolClaimsRegistry()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("school-a").hasMessageContaining("ctf.maxBytes");
    }

    @Test
    void aDfeNumberThatIsNotSevenDigitsFailsActivation() {
        assertThatThrownBy(() -> new CtfReaderComponent(config("school-a", "/data", 1024, "999-4001", false), CtfFixtures.CLOCK, null, new SchoolClaimsRegistry()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ctf.dfeNumber '999-4001'");
    }

    @Test
    void aRelativeCtfPathIsResolvedAgainstKarafHome() {
        assertThat(activate("school-a", "data/ctf/greenfield", "/opt/karaf").ctfPath())
                .isEqualTo(Path.of("/opt/karaf/data/ctf/greenfield"));
        assertThat(activate("school-a", "/srv/ctf/greenfield.xml", "/opt/karaf").ctfPath())
                .isEqualTo(Path.of("/srv/ctf/greenfield.xml"));
        assertThat(activate("school-a", " data/../ctf ", null).ctfPath()).isEqualTo(Path.of("ctf"));
    }

    @Test
    void aPathThatDoesNotExistYetActivatesAndFailsOnlyOnRead() {
        Path later = temp.resolve("arrives-later");
        CtfReaderComponent reader = activate("school-a", later.toString(), null);
        assertThat(reader.kind()).isEqualTo("ctf");
        assertThatThrownBy(reader::read).isInstanceOf(MisReadException.class).hasMessageContaining(later + " does not exist");
    }

    @Test
    void readsTheNewestFileOfAFolderRelativeToKarafHome() throws Exception {
        CtfWriter.knownSchool(CtfFixtures.TODAY).write(temp.resolve("data/ctf/known.xml"));
        var snapshot = activate("school-a", "data/ctf", temp.toString()).read();
        assertThat(snapshot.schoolId()).isEqualTo("school-a");
        assertThat(snapshot.source()).isEqualTo("ctf");
        assertThat(snapshot.students()).hasSize(5);
    }

    @Test
    void theConfigurationReachesTheReader() throws Exception {
        Path file = CtfWriter.knownSchool(CtfFixtures.TODAY).write(temp.resolve("known.xml"));
        var wholeRoll = new CtfReaderComponent(config("school-a", file.toString(), CtfLimits.DEFAULT_MAX_BYTES,
                " " + CtfWriter.KNOWN_DFE + " ", true), CtfFixtures.CLOCK, null, new SchoolClaimsRegistry());
        assertThat(wholeRoll.read().coverage()).isEqualTo(Coverage.WHOLE_ROLL);
        var otherSchool = new CtfReaderComponent(config("school-a", file.toString(), CtfLimits.DEFAULT_MAX_BYTES, "9990000", false),
                CtfFixtures.CLOCK, null, new SchoolClaimsRegistry());
        assertThatThrownBy(otherSchool::read).isInstanceOf(MisReadException.class).hasMessageContaining("9990000");
        var tiny = new CtfReaderComponent(config("school-a", file.toString(), 100, "", false), CtfFixtures.CLOCK, null, new SchoolClaimsRegistry());
        assertThatThrownBy(tiny::read).isInstanceOf(MisReadException.class).hasMessageContaining("limit of 100 bytes");
    }

    private static CtfConfiguration config(@Nullable String schoolId, @Nullable String ctfPath, long maxBytes,
            String dfeNumber, boolean wholeRoll) {
        Map<String, Object> values = new HashMap<>();
        values.put("school_id", schoolId);
        values.put("ctf_path", ctfPath);
        values.put("ctf_maxBytes", maxBytes);
        values.put("ctf_dfeNumber", dfeNumber);
        values.put("ctf_wholeRoll", wholeRoll);
        return Configs.of(CtfConfiguration.class, values);
    }
}
