package org.misbridge.mis.wonde.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.misbridge.mis.wonde.internal.WondeTests.TOKEN;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.mis.http.HttpSettings;
import org.misbridge.testkit.FakeWonde;
import org.misbridge.testkit.FaultProxy;
import org.misbridge.testkit.FaultProxy.Fault;

/**
 * The Wonde reader when the network, not HTTP, goes wrong: a server that accepts a request and
 * never answers, one that resets the connection (RST), and both part-way through an answer, on the
 * first page and on a next page. A TCP proxy on 127.0.0.1 breaks the chosen requests between the
 * real client and the fake Wonde. Each fault is retried and the read is whole; a fault that lasts
 * fails the read in bounded time, naming the collection; never a partial snapshot.
 */
class ConnectionFaultsTest {

    private FakeWonde fake;
    private FaultProxy proxy;
    private Snapshot direct;

    @BeforeEach
    void start() throws Exception {
        fake = FakeWonde.start(FakeWonde.School.sample(), TOKEN);
        try (WondeTests.Wired wired = WondeTests.reader(fake, 2)) {
            direct = wired.reader.read();
        }
        proxy = FaultProxy.start(fake.baseUrl());
        // next links name the host the reader was given, as Wonde's do
        fake.nextLinkOrigin(URI.create("http://127.0.0.1:" + proxy.port()));
    }

    @AfterEach
    void stop() {
        proxy.close();
        fake.close();
    }

    /** A reader of the fake through the proxy: 2 records a page, a 1 s response timeout. */
    private WondeTests.Wired reader(int attempts) {
        HttpSettings settings = WondeTests.quick().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1))
                .withMaxAttempts(attempts);
        return new WondeTests.Wired(URI.create("http://127.0.0.1:" + proxy.port()), fake.school().wondeId(), TOKEN, 2,
                false, Clock.systemUTC(), settings);
    }

    private void assertWhole(Snapshot snapshot) {
        assertThat(snapshot.students()).isEqualTo(direct.students());
        assertThat(snapshot.contacts()).isEqualTo(direct.contacts());
        assertThat(snapshot.links()).isEqualTo(direct.links());
        assertThat(snapshot.staff()).isEqualTo(direct.staff());
        assertThat(snapshot.groups()).isEqualTo(direct.groups());
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersIsTimedOutAndRetried() throws Exception {
        proxy.fail("/students?", Fault.HANG, 1);
        proxy.fail("page=2", Fault.HANG, 1);
        try (WondeTests.Wired wired = reader(4)) {
            assertWhole(wired.reader.read());
            assertThat(wired.pauses).hasSize(2);
        }
        assertThat(proxy.faultsInjected()).isEqualTo(2);
    }

    @Test
    void aServerThatNeverAnswersFailsTheReadInBoundedTimeNamingTheCollection() {
        proxy.fail("/employees?", Fault.HANG, Integer.MAX_VALUE);
        long start = System.nanoTime();
        try (WondeTests.Wired wired = reader(3)) {
            assertThatThrownBy(wired.reader::read).isInstanceOf(MisReadException.class)
                    .hasMessageContaining("/employees").hasMessageContaining("no answer within 1 s")
                    .hasMessageContaining("gave up after 3 attempts").hasMessageNotContaining(TOKEN);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("three 1 s timeouts, not a hang").isLessThan(Duration.ofSeconds(30));
        assertThat(proxy.faultsInjected()).isEqualTo(3);
    }

    @Test
    void aResetConnectionIsRetriedAndTheReadIsWhole() throws Exception {
        proxy.fail("/students?", Fault.RESET, 1);
        proxy.fail("/groups?", Fault.RESET, 2);
        try (WondeTests.Wired wired = reader(4)) {
            assertWhole(wired.reader.read());
            assertThat(wired.pauses).hasSize(3);
        }
        assertThat(proxy.faultsInjected()).isEqualTo(3);
    }

    @Test
    void anAnswerCutOffByAResetOrAStallIsRetriedAndTheReadIsWhole() throws Exception {
        proxy.fail("page=2", Fault.RESET_MID_ANSWER, 1);
        proxy.fail("/classes?", Fault.HANG_MID_ANSWER, 1);
        try (WondeTests.Wired wired = reader(4)) {
            assertWhole(wired.reader.read());
            assertThat(wired.pauses).hasSize(2);
        }
        assertThat(proxy.faultsInjected()).isEqualTo(2);
    }

    @Test
    void aNextPageWhoseConnectionsKeepBeingResetFailsTheWholeRead() {
        proxy.fail("page=3", Fault.RESET, Integer.MAX_VALUE);
        try (WondeTests.Wired wired = reader(3)) {
            assertThatThrownBy(wired.reader::read).isInstanceOf(MisReadException.class)
                    .hasMessageContaining("page 3 of students failed after 4 records")
                    .hasMessageContaining("gave up after 3 attempts")
                    .hasMessageContaining("whole read is abandoned").hasMessageNotContaining(TOKEN);
        }
        assertThat(proxy.faultsInjected()).isEqualTo(3);
    }
}
