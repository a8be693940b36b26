package org.misbridge.mis.oneroster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.spi.MisReadException;

/** Activation validates the configuration; the files are only looked at on read. */
class OneRosterCsvReaderComponentTest {

    @TempDir
    Path temp;

    private static OneRosterCsvReaderComponent activate(@Nullable String schoolId, @Nullable String csvPath, @Nullable String karafHome) {
        return new OneRosterCsvReaderComponent(config(schoolId, csvPath, 64), OneRosterSets.clockAt("2024-06-01"), karafHome);
    }

    @Test
    void aBlankCsvPathFailsActivationClearly() {
        assertThatThrownBy(() -> activate("school-a", " ", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("csv.path is blank");
        assertThatThrownBy(() -> activate("school-a", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("csv.path");
    }

    @Test
    void anInvalidSchoolIdFailsActivation() {
        assertThatThrownBy(() -> activate("School A", "/data", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("school.id");
    }

    @Test
    void badZipLimitsFailActivation() {
        assertThatThrownBy(() -> new OneRosterCsvReaderComponent(config("school-a", "/data", 0), OneRosterSets.clockAt("2024-06-01"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zip.maxEntries");
    }

    @Test
    void aRelativeCsvPathIsResolvedAgainstKarafHome() {
        assertThat(activate("school-a", "data/oneroster", "/opt/karaf").csvPath()).isEqualTo(Path.of("/opt/karaf/data/oneroster"));
        assertThat(activate("school-a", "/srv/or.zip", "/opt/karaf").csvPath()).isEqualTo(Path.of("/srv/or.zip"));
    }

    @Test
    void aPathThatDoesNotExistYetActivatesAndFailsOnlyOnRead() {
        Path later = temp.resolve("arrives-later.zip");
        OneRosterCsvReaderComponent reader = activate("school-a", later.toString(), null);
        assertThat(reader.kind()).isEqualTo("oneroster-csv");
        assertThatThrownBy(reader::read).isInstanceOf(MisReadException.class).hasMessageContaining(later + " does not exist");
    }

    @Test
    void readsTheRealSetThroughTheComponent() throws Exception {
        Path set = OneRosterSets.sharedOneRoster("v1p1-full");
        assertThat(activate("school-a", set.toString(), null).read().students()).hasSize(3);
    }

    private static OneRosterConfiguration config(@Nullable String schoolId, @Nullable String csvPath, int maxEntries) {
        return new OneRosterConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return OneRosterConfiguration.class;
            }

            @Override
            public String school_id() {
                return schoolId;
            }

            @Override
            public String csv_path() {
                return csvPath;
            }

            @Override
            public String org_sourcedId() {
                return "";
            }

            @Override
            public int zip_maxEntries() {
                return maxEntries;
            }

            @Override
            public long zip_maxTotalBytes() {
                return Limits.DEFAULT_MAX_TOTAL_BYTES;
            }

            @Override
            public int zip_maxRatio() {
                return Limits.DEFAULT_MAX_RATIO;
            }

            @Override
            public String webconsole_configurationFactory_nameHint() {
                return "OneRoster {school.id}";
            }
        };
    }
}
