package org.misbridge.meals.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.testkit.FakeMealManager;
import org.misbridge.testkit.FakeMealManager.Fault;
import org.misbridge.testkit.SchoolGenerator;

/**
 * A meal manager on 127.0.0.1 that answers 429 with {@code Retry-After} is not asked again sooner
 * than it said (RFC 9110 §10.2.3), however short the export's own backoff; one that fails without
 * saying keeps the export's backoff.
 */
class MealsRetryAfterTest {

    private FakeMealManager mealManager;
    private SchoolWithMeals school;

    @AfterEach
    void stop() {
        if (school != null && school.exporter != null) {
            school.stopMeals();
        }
        if (mealManager != null) {
            mealManager.close();
        }
    }

    /** The wait the exporter chose after one failed push answered with this fault. */
    private Duration waitAfter(Path dir, Fault fault) throws Exception {
        mealManager = FakeMealManager.start();
        mealManager.busyFor(120);
        mealManager.failUntilHealed(fault);
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-busy", 20, 3L), dir);
        school = new SchoolWithMeals("busy", dir, Map.of());
        assertThat(school.sync().outcome()).isEqualTo(SyncOutcome.SUCCESS);
        Map<String, Object> settings = new HashMap<>();
        settings.put("meals_endpoint", mealManager.endpoint().toString());
        settings.put("meals_retry_firstSeconds", 30);
        settings.put("meals_retry_maxSeconds", 60);
        school.startMeals(settings);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> school.exporter.status().lastError() != null
                && school.exporter.status().nextAttempt() != null);
        MealsExport.Status status = school.exporter.status();
        return Duration.between(status.lastErrorAt(), status.nextAttempt());
    }

    @Test
    void aRetryAfterLongerThanTheBackoffIsWaitedFor(@TempDir Path dir) throws Exception {
        Duration wait = waitAfter(dir, Fault.BUSY_429);

        // asked for 120 s; the export's first retry would have been 30 s
        assertThat(wait).isBetween(Duration.ofSeconds(115), Duration.ofSeconds(121));
        assertThat(school.exporter.status().lastError()).contains("HTTP 429");
        assertThat(mealManager.requests()).isEqualTo(1);

        // a sync that commits new changes meanwhile does not make the export ask sooner
        java.time.Instant planned = school.exporter.status().nextAttempt();
        school.exporter.committed();
        Thread.sleep(1000);
        assertThat(mealManager.requests()).as("not asked again within the wait").isEqualTo(1);
        assertThat(Duration.between(planned, school.exporter.status().nextAttempt()).abs())
                .isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aFailureThatAsksForNoWaitKeepsTheBackoff(@TempDir Path dir) throws Exception {
        Duration wait = waitAfter(dir, Fault.ERROR_500);

        // the export's start and the feed's first commit may each push at once, so one or two pushes may
        // have failed when the status is read: the wait is the export's backoff after one (30 s) or two (60 s)
        assertThat(mealManager.requests()).isBetween(1, 2);
        assertThat(wait.compareTo(Duration.ofSeconds(25)) >= 0 && wait.compareTo(Duration.ofSeconds(31)) <= 0
                || wait.compareTo(Duration.ofSeconds(55)) >= 0 && wait.compareTo(Duration.ofSeconds(61)) <= 0)
                .as("waits %s, the backoff of 30 s or 60 s", wait).isTrue();
        assertThat(school.exporter.status().lastError()).contains("HTTP 500");
    }
}
