package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.misbridge.api.directory.DigestUpdate;

class BackgroundTest {

    private static final DigestUpdate UPDATE = DigestUpdate.replaceAll(Map.of("s1", "d1"));

    @Test
    void startedItIsDoneOnItsOwnNamedThreadAndOnceForEveryAsker() throws Exception {
        AtomicReference<String> worker = new AtomicReference<>();
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch begun = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Background<DigestUpdate> later = new Background<>(() -> {
            worker.set(Thread.currentThread().getName());
            runs.incrementAndGet();
            begun.countDown();
            assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
            return UPDATE;
        });
        later.start("misbridge-digests-school-1", "school-1");
        later.start("misbridge-digests-school-1", "school-1"); // once
        assertThat(begun.await(10, TimeUnit.SECONDS)).isTrue();
        release.countDown();
        assertThat(later.get()).as("waits for the work under way").isSameAs(UPDATE);
        assertThat(later.get()).isSameAs(UPDATE);
        assertThat(worker.get()).isEqualTo("misbridge-digests-school-1");
        assertThat(runs).hasValue(1);
    }

    @Test
    void notStartedItIsDoneByTheAsker() {
        AtomicReference<Thread> worker = new AtomicReference<>();
        Background<DigestUpdate> later = new Background<>(() -> {
            worker.set(Thread.currentThread());
            return UPDATE;
        });
        later.awaitQuietly(); // not started: nothing to wait for
        assertThat(later.get()).isSameAs(UPDATE);
        assertThat(worker.get()).isSameAs(Thread.currentThread());
    }

    @Test
    void aFailureReachesTheAskerAsItWasThrownAndNotTheQuietWaiter() {
        Background<DigestUpdate> later = new Background<DigestUpdate>(() -> {
            throw new IllegalStateException("no digest for s1");
        }).start("misbridge-digests-school-1", "school-1");
        later.awaitQuietly();
        assertThatThrownBy(later::get).isInstanceOf(IllegalStateException.class).hasMessage("no digest for s1");
    }

    @Test
    void aKnownResultStartsNoThread() {
        Background<DigestUpdate> known = Background.of(UPDATE);
        known.start("misbridge-digests-school-1", "school-1");
        assertThat(known.get()).isSameAs(UPDATE);
    }
}
