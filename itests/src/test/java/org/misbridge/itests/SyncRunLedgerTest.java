package org.misbridge.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.misbridge.itests.SyncRunLedger.Run;

/** The two-host test's judge catches each way the rule can break (so a pass means something). */
class SyncRunLedgerTest {

    private static final java.time.Duration PERIOD = java.time.Duration.ofSeconds(60);
    private static final Instant F0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant F1 = F0.plusSeconds(60);
    private static final Instant F2 = F0.plusSeconds(120);
    private static final Instant KILL = F1.plusSeconds(20);
    private static final List<String> SCHOOLS = List.of("s1", "s2");

    private static Run run(String school, Instant firing, String host, int startSecond) {
        Instant start = firing.plusSeconds(startSecond);
        return new Run(school, firing, host, start, start.plusSeconds(1), "SUCCESS", null);
    }

    /** Both schools every minute; a ran some before the kill; b all after. */
    private static List<Run> good() {
        List<Run> runs = new ArrayList<>();
        runs.add(run("s1", F0, "a", 1));
        runs.add(run("s2", F0, "b", 1));
        runs.add(run("s1", F1, "a", 2));
        runs.add(run("s2", F1, "b", 2));
        runs.add(run("s1", F2, "b", 25));
        runs.add(run("s2", F2, "b", 3));
        return runs;
    }

    private static List<String> judge(List<Run> runs) {
        return new SyncRunLedger(runs, PERIOD).violations(SCHOOLS, F0, F2, "a", KILL, "b");
    }

    @Test
    void theRuleHoldsWhenEachFiringRanOnceOnOneHost() {
        assertThat(judge(good())).isEmpty();
        SyncRunLedger ledger = new SyncRunLedger(good(), PERIOD);
        assertThat(ledger.perHost(F0, F1)).containsEntry("a", 2L).containsEntry("b", 2L);
        assertThat(ledger.latestStart(F2)).contains(java.time.Duration.ofSeconds(25));
        assertThat(ledger.takenOver(F2, "b", KILL)).isEqualTo(2);
    }

    @Test
    void aFiringRunOnBothHostsIsCaught() {
        List<Run> runs = good();
        runs.add(run("s1", F0, "b", 3));
        assertThat(judge(runs)).anyMatch(v -> v.startsWith("school s1, firing " + F0 + ": ran 2 times"));
    }

    @Test
    void aRunRecordedForAFiringOffTheScheduleIsCaught() {
        List<Run> runs = good();
        runs.add(run("s1", F0.plusSeconds(30), "b", 1));
        assertThat(judge(runs)).anyMatch(v -> v.startsWith("a run for a firing off the schedule"));
    }

    @Test
    void aMissedFiringIsCaught() {
        List<Run> runs = good();
        runs.removeIf(r -> r.school().equals("s2") && r.firing().equals(F2));
        assertThat(judge(runs)).containsExactly("school s2, firing " + F2 + ": ran 0 times, not once []");
    }

    @Test
    void aRunByTheKilledHostAfterTheKillOrAFailureOrALateStartIsCaught() {
        List<Run> runs = good();
        runs.removeIf(r -> r.school().equals("s1") && r.firing().equals(F2));
        runs.add(run("s1", F2, "a", 1));
        runs.removeIf(r -> r.school().equals("s2") && r.firing().equals(F0));
        runs.add(new Run("s2", F0, "b", F0.plusSeconds(61), F0.plusSeconds(62), "FAILED", "the MIS said no"));
        assertThat(judge(runs)).anyMatch(v -> v.startsWith("recorded by a after it was killed"))
                .anyMatch(v -> v.startsWith("a firing after the kill not run by b"))
                .anyMatch(v -> v.startsWith("not a success"))
                .anyMatch(v -> v.startsWith("started a minute or more after its firing"));
    }
}
