package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.testkit.SchoolGenerator;

/** Rule 11: the default times, in the school's own zone, on a real Quartz scheduler. */
class SyncScheduleTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void theDefaultScheduleIsSixElevenThreeAndSixInTheSchoolsZone() {
        SyncSchedule s = SyncSchedule.parse(SyncSchedule.DEFAULT, LONDON);

        assertThat(s.times()).containsExactly(LocalTime.of(6, 0), LocalTime.of(11, 0), LocalTime.of(15, 0), LocalTime.of(18, 0));
        // 06:00 in London is 05:00 UTC in summer and 06:00 UTC in winter
        assertThat(s.latestAtOrBefore(Instant.parse("2026-07-01T05:30:00Z"))).contains(Instant.parse("2026-07-01T05:00:00Z"));
        assertThat(s.latestAtOrBefore(Instant.parse("2026-11-23T06:30:00Z"))).contains(Instant.parse("2026-11-23T06:00:00Z"));
        assertThat(s.latestAtOrBefore(Instant.parse("2026-11-23T05:59:00Z"))).contains(Instant.parse("2026-11-22T18:00:00Z"));
    }

    @Test
    void aBadTimeIsRefusedByNameAndBlankMeansOnDemandOnly() {
        assertThatThrownBy(() -> SyncSchedule.parse("06:00, 6pm", LONDON)).hasMessageContaining("'6pm'").hasMessageContaining("HH:mm");
        assertThatThrownBy(() -> SyncSchedule.parse("25:00", LONDON)).hasMessageContaining("'25:00'");
        assertThat(SyncSchedule.parse("", LONDON).onDemandOnly()).isTrue();
        assertThat(SyncSchedule.parse(" ", LONDON).latestAtOrBefore(Instant.now())).isEmpty();
    }

    @Test
    void quartzFiresAtTheNextScheduledTimeInTheSchoolsZone() throws Exception {
        SyncScheduler scheduler = RealSchool.scheduler();
        try {
            ZoneId auckland = ZoneId.of("Pacific/Auckland");
            scheduler.schedule("kiwi", SyncSchedule.parse("06:00,18:00", auckland), () -> { });

            Instant next = scheduler.nextRun("kiwi").orElseThrow();

            ZonedDateTime local = next.atZone(auckland);
            assertThat(local.toLocalTime()).isIn(LocalTime.of(6, 0), LocalTime.of(18, 0));
            assertThat(Duration.between(Instant.now(), next)).isPositive().isLessThanOrEqualTo(Duration.ofHours(12));
            scheduler.unschedule("kiwi");
            assertThat(scheduler.nextRun("kiwi")).isEmpty();
        } finally {
            scheduler.stop();
        }
    }

    @Test
    void aScheduledFiringRunsTheSchoolsSync(@TempDir Path dir) throws IOException {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-q", 30, 4L), dir);
        RealSchool real = new RealSchool("quartz", dir, Map.of());
        assertThat(real.school.nextRun()).isPresent();

        real.scheduler.fireNow("quartz");

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> real.directory.lastRun("quartz").isPresent());
        assertThat(real.directory.lastRun("quartz").orElseThrow().outcome()).isEqualTo(SyncOutcome.SUCCESS);
    }
}
