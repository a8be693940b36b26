package org.misbridge.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.misbridge.scheduler.internal.SchedulerConfiguration;
import org.misbridge.scheduler.internal.SyncScheduler;
import org.misbridge.testkit.Configs;

/** Rule 11: the default times, in the school's own zone, on a real Quartz scheduler. */
class SyncScheduleTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void theDefaultScheduleIsSixElevenThreeAndSixInTheSchoolsZone() {
        SyncSchedule s = SyncSchedule.parse(SyncSchedule.DEFAULT, LONDON);

        assertThat(s.cronExpressions()).containsExactly("0 0 6 * * ?", "0 0 11 * * ?", "0 0 15 * * ?", "0 0 18 * * ?");
        assertThat(s.describe()).isEqualTo("06:00, 11:00, 15:00, 18:00 Europe/London");
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
    void everyNMinutesFiresAtSecondZeroOfEachNthMinute() {
        SyncSchedule everyMinute = SyncSchedule.parse("every 1 minute", LONDON);
        assertThat(everyMinute.cronExpressions()).containsExactly("0 0/1 * * * ?");
        assertThat(everyMinute.describe()).isEqualTo("every 1 minute Europe/London");
        assertThat(everyMinute.latestAtOrBefore(Instant.parse("2026-11-23T06:30:59Z"))).contains(Instant.parse("2026-11-23T06:30:00Z"));
        assertThat(everyMinute.latestAtOrBefore(Instant.parse("2026-11-23T06:30:00Z"))).contains(Instant.parse("2026-11-23T06:30:00Z"));

        SyncSchedule quarterHours = SyncSchedule.parse("  Every 15 Minutes ", LONDON);
        assertThat(quarterHours.latestAtOrBefore(Instant.parse("2026-11-23T06:44:59Z"))).contains(Instant.parse("2026-11-23T06:30:00Z"));
        // a zone 45 minutes off the hour keeps the quarters of its own clock
        SyncSchedule kathmandu = SyncSchedule.parse("every 20 minutes", ZoneId.of("Asia/Kathmandu"));
        assertThat(kathmandu.latestAtOrBefore(Instant.parse("2026-11-23T06:30:00Z"))).contains(Instant.parse("2026-11-23T06:15:00Z"));

        SyncSchedule twoHourly = SyncSchedule.parse("every 2 hours", LONDON);
        assertThat(twoHourly.latestAtOrBefore(Instant.parse("2026-11-23T07:59:00Z"))).contains(Instant.parse("2026-11-23T06:00:00Z"));
    }

    @Test
    void aCronExpressionIsTakenAsQuartzReadsIt() {
        SyncSchedule weekdays = SyncSchedule.parse("cron: 0 30 7 ? * MON-FRI", LONDON);
        assertThat(weekdays.cronExpressions()).containsExactly("0 30 7 ? * MON-FRI");
        // Monday 23 November 2026, 07:30 in London (GMT); the Saturday looks back to Friday
        assertThat(weekdays.latestAtOrBefore(Instant.parse("2026-11-23T08:00:00Z"))).contains(Instant.parse("2026-11-23T07:30:00Z"));
        assertThat(weekdays.latestAtOrBefore(Instant.parse("2026-11-28T12:00:00Z"))).contains(Instant.parse("2026-11-27T07:30:00Z"));
    }

    @Test
    void aScheduleThatIsNotOneOfTheFormsIsRefusedWithTheFormsThatAre() {
        assertThatThrownBy(() -> SyncSchedule.parse("every 7 minutes", LONDON)).hasMessageContaining("'every 7 minutes'")
                .hasMessageContaining("N must divide 60").hasMessageContaining("15");
        assertThatThrownBy(() -> SyncSchedule.parse("every 60 minutes", LONDON)).hasMessageContaining("N must divide 60");
        assertThatThrownBy(() -> SyncSchedule.parse("every 5 hours", LONDON)).hasMessageContaining("N must divide 24");
        assertThatThrownBy(() -> SyncSchedule.parse("every minute", LONDON)).hasMessageContaining("'every N minutes'");
        assertThatThrownBy(() -> SyncSchedule.parse("cron: 0 30 7 * * MON-FRI", LONDON))
                .hasMessageContaining("'cron: 0 30 7 * * MON-FRI' is not a Quartz cron expression").hasMessageContaining("'?'");
        assertThatThrownBy(() -> SyncSchedule.parse("cron: every day", LONDON)).hasMessageContaining("not a Quartz cron expression");
        assertThatThrownBy(() -> SyncSchedule.parse("7am", LONDON)).hasMessageContaining("'7am'").hasMessageContaining("every N minutes");
    }

    @Test
    void quartzFiresAtTheNextScheduledTimeInTheSchoolsZone() throws Exception {
        SyncScheduler scheduler = scheduler();
        try {
            ZoneId auckland = ZoneId.of("Pacific/Auckland");
            scheduler.schedule("kiwi", SyncSchedule.parse("06:00,18:00", auckland), firing -> { });

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

    /** A real Quartz scheduler with the default configuration, alone on this host. */
    private static SyncScheduler scheduler() throws Exception {
        SchedulerConfiguration defaults = Configs.of(SchedulerConfiguration.class, Map.of());
        return new SyncScheduler(defaults);
    }
}
