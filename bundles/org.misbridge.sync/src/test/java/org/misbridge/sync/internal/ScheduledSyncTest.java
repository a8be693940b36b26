package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.testkit.SchoolGenerator;

/** Rule 11: a school's scheduled firing, from the real scheduler, runs the school's sync. */
class ScheduledSyncTest {

    @Test
    void aScheduledFiringRunsTheSchoolsSync(@TempDir Path dir) throws IOException {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-q", 30, 4L), dir);
        SchoolHarness real = SchoolHarness.school("quartz").csv(dir).build();
        assertThat(real.component().nextRun()).isPresent();

        real.scheduler().fireNow("quartz");

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> real.directory().lastRun("quartz").isPresent());
        assertThat(real.directory().lastRun("quartz").orElseThrow().outcome()).isEqualTo(SyncOutcome.SUCCESS);
    }
}
