package org.misbridge.mis.oneroster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The host's budget for kept reads: the reads used longest ago go first, and none beyond the whole budget is kept. */
class KeptReadsTest {

    private final List<String> dropped = new ArrayList<>();

    private Runnable drop(String who) {
        return () -> dropped.add(who);
    }

    @Test
    void aReadBeyondTheRoomLeftDropsTheReadsUsedLongestAgo() {
        KeptReads budget = new KeptReads(100);
        assertThat(budget.admit("a", 40, drop("a"))).isTrue();
        assertThat(budget.admit("b", 40, drop("b"))).isTrue();
        assertThat(budget.admit("a", 40, drop("a"))).isTrue(); // a used again: b is now the oldest
        assertThat(dropped).isEmpty();
        assertThat(budget.admit("c", 40, drop("c"))).isTrue();
        assertThat(dropped).containsExactly("b");
        assertThat(budget.usedBytes()).isEqualTo(80);
        assertThat(budget.keptReads()).isEqualTo(2);
        assertThat(budget.admit("d", 100, drop("d"))).isTrue();
        assertThat(dropped).containsExactly("b", "a", "c");
        assertThat(budget.usedBytes()).isEqualTo(100);
    }

    @Test
    void aReadLargerThanTheWholeBudgetIsNotKeptAndDropsNothingElse() {
        KeptReads budget = new KeptReads(100);
        budget.admit("a", 60, drop("a"));
        assertThat(budget.fits(101)).isFalse();
        assertThat(budget.admit("b", 101, drop("b"))).isFalse();
        assertThat(dropped).isEmpty();
        assertThat(budget.usedBytes()).isEqualTo(60);
        // a reader whose new read is too large lets go of its old one's share
        assertThat(budget.admit("a", 101, drop("a"))).isFalse();
        assertThat(budget.usedBytes()).isZero();
        assertThat(dropped).isEmpty(); // its own old read is the reader's to drop, not the budget's
    }

    @Test
    void aSmallerBudgetDropsAtOnceAndAReleasedReadFreesItsShare() {
        KeptReads budget = new KeptReads(100);
        budget.admit("a", 50, drop("a"));
        budget.admit("b", 50, drop("b"));
        budget.release("b");
        assertThat(budget.usedBytes()).isEqualTo(50);
        budget.admit("c", 40, drop("c"));
        budget.budget(45);
        assertThat(dropped).containsExactly("a");
        assertThat(budget.usedBytes()).isEqualTo(40);
        budget.budget(0);
        assertThat(dropped).containsExactly("a", "c");
        assertThat(budget.keptReads()).isZero();
    }

    @Test
    void whatTheMetricsReadIsWhatIsHeldAndEveryReadLetGoIsCountedButNotOneReleased() {
        KeptReads budget = new KeptReads(100);
        budget.admit("a", 60, drop("a"));
        budget.admit("b", 30, drop("b"));
        assertThat(budget.usedBytes()).isEqualTo(90);
        assertThat(budget.budgetBytes()).isEqualTo(100);
        assertThat(budget.keptReads()).isEqualTo(2);
        assertThat(budget.letGo()).isZero();
        budget.admit("c", 50, drop("c")); // a goes
        assertThat(budget.letGo()).isOne();
        budget.release("b"); // b's reader took its read back: not let go
        budget.admit("b", 30, drop("b"));
        assertThat(budget.letGo()).isOne();
        budget.budget(40); // c goes, b stays
        assertThat(dropped).containsExactly("a", "c");
        assertThat(budget.letGo()).isEqualTo(2);
        assertThat(budget.usedBytes()).isEqualTo(30);
        assertThat(budget.budgetBytes()).isEqualTo(40);
        assertThat(budget.keptReads()).isOne();
    }

    @Test
    void theDefaultShareIsAQuarterOfTheHeapAndNeverMoreThanNinetyPercent() {
        long max = Runtime.getRuntime().maxMemory();
        assertThat(KeptReads.heapShare(25)).isEqualTo(max / 100 * 25);
        assertThat(KeptReads.ofDefaultShare().fits(max / 100 * 25)).isTrue();
        assertThat(KeptReads.ofDefaultShare().fits(max / 100 * 25 + 1)).isFalse();
        assertThat(KeptReads.heapShare(100)).isEqualTo(max / 100 * 90);
        assertThat(KeptReads.heapShare(-5)).isZero();
    }
}
