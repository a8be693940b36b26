package org.misbridge.api.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A file name typed by an operator is a name, never a path. */
class FileNamesTest {

    @Test
    void plainNamesAreAcceptedAndGetTheirExtensionWhenItIsMissing() {
        assertThat(FileNames.requirePlain("before-year-end.csv", ".csv")).isEqualTo("before-year-end.csv");
        assertThat(FileNames.requirePlain("Before_Year_End.CSV", ".csv")).isEqualTo("Before_Year_End.CSV");
        assertThat(FileNames.requirePlain("leavers-2026", ".json")).isEqualTo("leavers-2026.json");
        // a name that tries another kind of file stays a CSV
        assertThat(FileNames.requirePlain("org.misbridge.sync-x.cfg", ".csv")).isEqualTo("org.misbridge.sync-x.cfg.csv");
    }

    @Test
    void pathsAreRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> FileNames.requirePlain("/opt/karaf/etc/org.misbridge.sync-x.cfg", ".csv"))
                .hasMessageContaining("is a path: give a file name only");
        assertThatThrownBy(() -> FileNames.requirePlain("../../etc/users.properties", ".csv")).hasMessageContaining("is a path");
        assertThatThrownBy(() -> FileNames.requirePlain("etc\\users.properties", ".csv")).hasMessageContaining("is a path");
        assertThatThrownBy(() -> FileNames.requirePlain("C:report.csv", ".csv")).hasMessageContaining("is a path");
        assertThatThrownBy(() -> FileNames.requirePlain("..", ".csv")).hasMessageContaining("contains '..'");
        assertThatThrownBy(() -> FileNames.requirePlain("report..csv", ".csv")).hasMessageContaining("contains '..'");
    }

    @Test
    void hiddenBlankOverlongAndControlCharacterNamesAreRefused() {
        assertThatThrownBy(() -> FileNames.requirePlain(".report.csv", ".csv")).hasMessageContaining("is not a plain file name");
        assertThatThrownBy(() -> FileNames.requirePlain("-report.csv", ".csv")).hasMessageContaining("is not a plain file name");
        assertThatThrownBy(() -> FileNames.requirePlain(" ", ".csv")).hasMessageContaining("give a file name");
        assertThatThrownBy(() -> FileNames.requirePlain("a".repeat(125), ".csv")).hasMessageContaining("is not a plain file name");
        // shown escaped, so the message itself carries no control character
        assertThatThrownBy(() -> FileNames.requirePlain("report\n.csv", ".csv"))
                .hasMessageContaining("'report\\u000a.csv' is not a plain file name");
    }
}
