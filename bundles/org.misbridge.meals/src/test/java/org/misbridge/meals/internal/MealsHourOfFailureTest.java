package org.misbridge.meals.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.internal.SchoolClaimsRegistry;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.testkit.Configs;
import org.misbridge.testkit.FakeMealManager;
import org.misbridge.testkit.FakeMealManager.MemberState;
import org.misbridge.testkit.FaultProxy;
import org.misbridge.testkit.SchoolGenerator;

/**
 * The meal manager fails for an hour, in simulated time: the exporter runs on a clock and a
 * scheduler that the test moves on, so the real retry policy (5 s, doubling to 10 minutes) plays
 * out in seconds. Over the hour the faults change every quarter: HTTP 500; connections reset;
 * requests never answered (the 1 s response timeout is real time); batches applied with the answer
 * lost. Syncs with changes run during it. Then the meal manager recovers.
 *
 * <p>Checked: every delay the exporter waited is the policy's for that many failures in a row;
 * after the recovery every change arrives, each applied once and in change-id order, re-sent
 * batches are seen and ignored by the receiver, and the meal manager holds the directory's state.
 */
class MealsHourOfFailureTest {

    private static final Duration FIRST = Duration.ofSeconds(5);
    private static final Duration MAX = Duration.ofMinutes(10);

    private final FakeMealManager mealManager;
    private final FaultProxy proxy;
    private final SimulatedTime time = new SimulatedTime(Instant.parse("2026-11-23T06:00:00Z"));
    private SchoolWithMeals school;
    private MealsExporter exporter;

    MealsHourOfFailureTest() throws IOException {
        mealManager = FakeMealManager.start();
        proxy = FaultProxy.start(mealManager.endpoint());
    }

    @AfterEach
    void stop() {
        if (exporter != null) {
            school.school.unbindFeed(exporter);
            exporter.deactivate();
        }
        proxy.close();
        mealManager.close();
    }

    /** The policy: 5 s after the first failure in a row, doubling, at most 10 minutes. */
    private static Duration policy(int failuresInARow) {
        Duration wait = FIRST;
        for (int i = 1; i < failuresInARow && wait.compareTo(MAX) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(MAX) > 0 ? MAX : wait;
    }

    @Test
    void anHourOfMealManagerFailureLosesNothingAppliesNothingTwiceAndRetriesByThePolicy(@TempDir Path dir) throws Exception {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-hour", 300, 17L), dir);
        school = new SchoolWithMeals("hour", dir, Map.of());
        assertThat(school.sync().outcome()).isEqualTo(SyncOutcome.SUCCESS);

        // the meal manager is down from the start: the first full push has to wait the hour out
        mealManager.failUntilHealed(FakeMealManager.Fault.ERROR_500);
        Map<String, Object> settings = new HashMap<>();
        settings.put("school_id", "hour");
        settings.put("meals_endpoint", proxy.via(mealManager.endpoint()).toString());
        settings.put("meals_responseTimeoutSeconds", 1);
        settings.put("meals_batchSize", 100);
        exporter = new MealsExporter(Configs.of(MealsConfiguration.class, settings), school.directory.outbox(),
                school.service, ExporterSettings.defaults().withTime(time.clock(), time), new SchoolClaimsRegistry());
        school.school.bindFeed(exporter, Map.of("school.id", "hour"));
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> school.directory.outbox().feedState("hour", MealsPolicy.TOPIC).initialised() && time.waiting() > 0);
        int firstPush = school.directory.outbox().pendingCount("hour", MealsPolicy.TOPIC);
        assertThat(firstPush).isGreaterThan(250);

        List<String> onRoll = school.directory.load("hour").members().stream()
                .filter(m -> m.kind() == MemberKind.STUDENT && m.state() == EnrolmentState.ON_ROLL).map(Member::id).toList();
        List<String> renamed = new ArrayList<>();
        Instant start = time.now();
        for (int minute = 1; minute <= 60; minute++) {
            switch (minute) {
                case 16 -> {
                    mealManager.heal();
                    proxy.fail("/changes", FaultProxy.Fault.RESET, Integer.MAX_VALUE);
                }
                case 31 -> {
                    proxy.heal();
                    proxy.fail("/changes", FaultProxy.Fault.HANG, Integer.MAX_VALUE);
                }
                case 46 -> {
                    proxy.heal();
                    mealManager.failUntilHealed(FakeMealManager.Fault.DROP_AFTER_APPLY);
                }
                default -> {
                }
            }
            if (minute % 15 == 10) {
                // the school's day goes on: a change is synced and recorded while the meal manager is away
                renamed.add(renameStudent(dir, onRoll.get(renamed.size() * 7), "Hour" + minute));
                assertThat(school.sync().outcome()).isEqualTo(SyncOutcome.SUCCESS);
            }
            time.advance(Duration.ofMinutes(1));
        }
        assertThat(Duration.between(start, time.now())).isEqualTo(Duration.ofHours(1));
        assertThat(school.directory.outbox().pendingCount("hour", MealsPolicy.TOPIC)).as("still pending after the hour").isPositive();
        int retriesInTheHour = retryDelays().size();

        // the meal manager is back; one batch of the catch-up still fails once
        mealManager.heal();
        proxy.heal();
        mealManager.failNext(FakeMealManager.Fault.NONE, FakeMealManager.Fault.ERROR_500);
        Duration caughtUp = Duration.ZERO;
        while (school.directory.outbox().pendingCount("hour", MealsPolicy.TOPIC) > 0 && caughtUp.compareTo(Duration.ofMinutes(30)) < 0) {
            time.advance(Duration.ofSeconds(5));
            caughtUp = caughtUp.plusSeconds(5);
        }

        assertThat(school.directory.outbox().pendingCount("hour", MealsPolicy.TOPIC)).isZero();
        assertThat(caughtUp).as("caught up within one longest wait and the one retry").isLessThanOrEqualTo(MAX.plusSeconds(15));

        // each wait follows the policy for that many failures in a row; the catch-up's failure starts afresh at 5 s
        List<Duration> delays = retryDelays();
        assertThat(delays).hasSize(retriesInTheHour + 1);
        for (int i = 0; i < retriesInTheHour; i++) {
            assertThat(delays.get(i)).as("wait after failure " + (i + 1)).isEqualTo(policy(i + 1));
        }
        assertThat(delays.get(retriesInTheHour)).as("a failure after a good batch waits the first delay").isEqualTo(FIRST);
        assertThat(retriesInTheHour).as("failed pushes in the hour: about a dozen, not a hot loop").isBetween(12, 20);
        assertThat(delays).contains(MAX);

        // every change arrived, each applied once, in order
        List<Long> applied = mealManager.appliedInOrder().stream()
                .map(id -> Long.parseLong(id.substring(id.lastIndexOf('-') + 1))).toList();
        assertThat(applied).as("applied in change-id order").isSorted().doesNotHaveDuplicates();
        assertThat(applied.get(0)).isEqualTo(1L);
        assertThat(applied.get(applied.size() - 1)).as("no change id missing").isEqualTo(applied.size());
        assertThat(applied.size()).isEqualTo(firstPush + renamed.size());
        assertThat(mealManager.appliedTwice()).isZero();
        assertThat(mealManager.duplicatesReceived()).as("batches whose answer was lost came again and were ignored").isPositive();
        assertMealManagerHoldsTheDirectory();
        for (String name : renamed) {
            assertThat(mealManager.members().values()).extracting(MemberState::familyName).contains(name);
        }
        assertThat(proxy.faultsInjected()).isPositive();
        assertThat(exporter.status().lastError()).isNull();
        // the figures RELIABILITY.md quotes
        System.out.printf("meal manager down 60 simulated minutes: %d failed pushes in the hour (%d faults at the proxy, "
                + "the rest 500s and lost answers), %d changes recorded, %d applied once each, %d re-sent change ids "
                + "ignored, 0 lost; caught up %d s after the recovery; longest wait %s%n", retriesInTheHour,
                proxy.faultsInjected(), applied.size(), applied.size(), mealManager.duplicatesReceived(), caughtUp.toSeconds(),
                delays.stream().max(Duration::compareTo).orElseThrow());
    }

    /** The non-zero waits the exporter scheduled (zero is "push now" after a sync). */
    private List<Duration> retryDelays() {
        return time.scheduled().stream().map(SimulatedTime.Scheduled::delay).filter(d -> !d.isZero()).toList();
    }

    private void assertMealManagerHoldsTheDirectory() {
        Map<String, MemberState> held = mealManager.members();
        for (Member m : school.directory.load("hour").members()) {
            if (m.kind() != MemberKind.STUDENT) {
                continue;
            }
            MemberState s = held.get(m.id());
            if (m.state() == EnrolmentState.LEAVER) {
                assertThat(s == null || s.status().equals("Closed")).as(m.id() + " " + s).isTrue();
            } else {
                assertThat(s).as(m.id()).isNotNull();
                assertThat(s.status()).as(m.id()).isEqualTo("Open");
                assertThat(s.familyName()).as(m.id()).isEqualTo(m.familyName());
            }
        }
    }

    /** Gives the student a new family name in users.csv; returns it. */
    private static String renameStudent(Path dir, String studentId, String familyName) throws IOException {
        Path users = dir.resolve("users.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(users, StandardCharsets.UTF_8));
        for (int i = 1; i < lines.size(); i++) {
            String[] cols = lines.get(i).split(",", -1);
            if (cols[0].equals(studentId)) {
                cols[9] = familyName;
                lines.set(i, String.join(",", cols));
            }
        }
        Files.write(users, lines, StandardCharsets.UTF_8);
        return familyName;
    }
}
