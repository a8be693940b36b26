package org.misbridge.mis.oneroster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.mis.http.HttpSettings;
import org.misbridge.mis.http.MisHttpClient;
import org.misbridge.testkit.FakeOneRosterApi;
import org.misbridge.testkit.FaultProxy;
import org.misbridge.testkit.FaultProxy.Fault;
import org.misbridge.testkit.SchoolGenerator;

/**
 * The REST reader when the network, not HTTP, goes wrong: a server that accepts a request and never
 * answers, one that resets the connection (RST), and both of those part-way through an answer. A
 * TCP proxy on 127.0.0.1 breaks the chosen requests between the real client and the fake API. Each
 * fault is retried and the read is whole; a fault that lasts fails the read in bounded time,
 * naming the URL; never a partial snapshot.
 */
class ConnectionFaultsTest {

    private static final String CLIENT = "misbridge-test";
    private static final String SECRET = "s3cret-Value-Never-Printed";

    @TempDir
    Path temp;

    private FakeOneRosterApi api;
    private FaultProxy proxy;
    private MisHttpClient http;
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-faults", 120, 5L), temp.resolve("csv"));
        api = FakeOneRosterApi.start(temp.resolve("csv"), false, CLIENT, SECRET);
        proxy = FaultProxy.start(api.baseUrl());
    }

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
        proxy.close();
        api.close();
    }

    /** Reads through the proxy with a 1 s response timeout and the given attempts. */
    private OneRosterRestReader reader(int attempts) {
        HttpSettings settings = HttpSettings.defaults().withBackoff(Duration.ofMillis(20), Duration.ofMillis(100))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1)).withMaxAttempts(attempts);
        http = new MisHttpClient("test", settings, pauses::add);
        RestSettings rest = new RestSettings(proxy.via(api.baseUrl()), false, 50, false, Duration.ofHours(24));
        return new OneRosterRestReader("rest-school", rest, null, http,
                http.clientCredentials(proxy.via(api.tokenUrl()), CLIENT, SECRET, null), Clock.systemUTC());
    }

    private Snapshot csv() throws MisReadException {
        return new OneRosterCsvReader("rest-school", temp.resolve("csv"), null, Clock.systemUTC(), Limits.defaults()).read();
    }

    private void assertWhole(Snapshot snapshot) throws MisReadException {
        Snapshot csv = csv();
        assertThat(snapshot.students()).isEqualTo(csv.students());
        assertThat(snapshot.contacts()).isEqualTo(csv.contacts());
        assertThat(snapshot.links()).isEqualTo(csv.links());
        assertThat(snapshot.groups()).isEqualTo(csv.groups());
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersIsTimedOutAndRetried() throws Exception {
        proxy.fail("/users?", Fault.HANG, 1);
        assertWhole(reader(4).read());
        assertThat(proxy.faultsInjected()).isEqualTo(1);
        assertThat(pauses).hasSize(1);
    }

    @Test
    void aServerThatNeverAnswersFailsTheReadInBoundedTimeNamingTheUrl() {
        proxy.fail("/enrollments?", Fault.HANG, Integer.MAX_VALUE);
        long start = System.nanoTime();
        assertThatThrownBy(() -> reader(3).read()).isInstanceOf(MisReadException.class)
                .hasMessageContaining("/ims/oneroster/v1p1/enrollments").hasMessageContaining("no answer within 1 s")
                .hasMessageContaining("gave up after 3 attempts").hasMessageNotContaining(SECRET);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("three 1 s timeouts, not a hang").isLessThan(Duration.ofSeconds(30));
        assertThat(proxy.faultsInjected()).isEqualTo(3);
    }

    @Test
    void aResetConnectionIsRetriedAndTheReadIsWhole() throws Exception {
        proxy.fail("/token", Fault.RESET, 1);
        proxy.fail("/classes?", Fault.RESET, 2);
        assertWhole(reader(4).read());
        assertThat(proxy.faultsInjected()).isEqualTo(3);
        assertThat(pauses).hasSize(3);
    }

    @Test
    void anAnswerCutOffByAResetOrAStallIsRetriedAndTheReadIsWhole() throws Exception {
        proxy.fail("/users?", Fault.RESET_MID_ANSWER, 1);
        proxy.fail("/enrollments?", Fault.HANG_MID_ANSWER, 1);
        assertWhole(reader(4).read());
        assertThat(proxy.faultsInjected()).isEqualTo(2);
        assertThat(pauses).hasSize(2);
    }

    @Test
    void connectionsThatKeepBeingResetFailTheReadNamingTheUrl() {
        proxy.fail("/users?", Fault.RESET, Integer.MAX_VALUE);
        assertThatThrownBy(() -> reader(3).read()).isInstanceOf(MisReadException.class)
                .hasMessageContaining("/ims/oneroster/v1p1/users").hasMessageContaining("gave up after 3 attempts")
                .hasMessageNotContaining(SECRET);
        assertThat(proxy.faultsInjected()).isEqualTo(3);
    }
}
