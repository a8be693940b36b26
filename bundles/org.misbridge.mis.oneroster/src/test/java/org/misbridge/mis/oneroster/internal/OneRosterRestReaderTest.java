package org.misbridge.mis.oneroster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Student;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.mis.http.Credentials;
import org.misbridge.mis.http.HttpSettings;
import org.misbridge.mis.http.MisHttpClient;
import org.misbridge.testkit.FakeOneRosterApi;
import org.misbridge.testkit.FakeOneRosterApi.Fault;
import org.misbridge.testkit.MovableClock;
import org.misbridge.testkit.OneRoster12;
import org.misbridge.testkit.SchoolGenerator;

/**
 * The REST reader against a real HTTP server on 127.0.0.1 serving, as paged JSON, the same
 * generated school as a CSV set: the snapshots must be equal, and each misbehaviour of the
 * server must give the outcome described in the reader's and the HTTP client's documentation.
 */
class OneRosterRestReaderTest {

    private static final String CLIENT = "misbridge-test";
    private static final String SECRET = "s3cret-Value-Never-Printed";
    private static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    Path temp;

    private FakeOneRosterApi api;
    private MisHttpClient http;
    private final List<Duration> pauses = new ArrayList<>();

    @BeforeEach
    void school() throws Exception {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-rest", 150, 11L), temp.resolve("csv"));
    }

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
        if (api != null) {
            api.close();
        }
    }

    private OneRosterRestReader reader(HttpSettings settings, int pageSize, boolean deltas, String clientId, String secret) {
        http = new MisHttpClient("test", settings, pauses::add);
        Credentials credentials = http.clientCredentials(api.tokenUrl(), clientId, secret, null);
        RestSettings rest = new RestSettings(api.baseUrl(), RestSettings.isV12(api.baseUrl(), "auto"), pageSize, deltas, Duration.ofHours(24));
        return new OneRosterRestReader("rest-school", rest, null, http, credentials, CLOCK);
    }

    private OneRosterRestReader reader(int pageSize) {
        return reader(fast(), pageSize, false, CLIENT, SECRET);
    }

    private static HttpSettings fast() {
        return HttpSettings.defaults().withBackoff(Duration.ofMillis(20), Duration.ofMillis(100))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    private Snapshot csvSnapshot(Path folder) throws MisReadException {
        return new OneRosterCsvReader("rest-school", folder, null, CLOCK, Limits.defaults()).read();
    }

    private static void assertSameSchool(Snapshot rest, Snapshot csv) {
        assertThat(rest.students()).isEqualTo(csv.students());
        assertThat(rest.staff()).isEqualTo(csv.staff());
        assertThat(rest.contacts()).isEqualTo(csv.contacts());
        assertThat(rest.links()).isEqualTo(csv.links());
        assertThat(rest.groups()).isEqualTo(csv.groups());
        assertThat(rest.coverage()).isEqualTo(csv.coverage());
        assertThat(rest.source()).isEqualTo("oneroster-rest");
    }

    @ParameterizedTest(name = "OneRoster {0}")
    @ValueSource(strings = {"1.1", "1.2"})
    void theRestSnapshotEqualsTheCsvSnapshotOfTheSameSchool(String version) throws Exception {
        Path folder = temp.resolve("csv");
        if (version.equals("1.2")) {
            OneRoster12.fromV11(folder, temp.resolve("v12"));
            folder = temp.resolve("v12");
        }
        api = FakeOneRosterApi.start(temp.resolve("csv"), version.equals("1.2"), CLIENT, SECRET);
        Snapshot rest = reader(37).read();
        Snapshot csv = csvSnapshot(folder);
        assertThat(csv.students()).hasSizeGreaterThan(100);
        assertSameSchool(rest, csv);
        assertThat(api.dataRequests()).as("several pages per collection").isGreaterThan(20);
        assertThat(api.tokensIssued()).as("one token for the whole read").isEqualTo(1);
    }

    @Test
    void followsLinkHeadersAndServersThatServeShorterPagesThanAskedFor() throws Exception {
        api = FakeOneRosterApi.start(temp.resolve("csv"), false, CLIENT, SECRET);
        api.maxPageSize(40);
        assertSameSchool(reader(500).read(), csvSnapshot(temp.resolve("csv")));
        api.linkHeaders(true);
        assertSameSchool(reader(25).read(), csvSnapshot(temp.resolve("csv")));
        assertThat(api.requestLog()).anyMatch(r -> r.contains("offset=40"));
    }

    @Test
    void a429IsWaitedOutAsRetryAfterSaysAndThenTheReadSucceeds() throws Exception {
        api = FakeOneRosterApi.start(temp.resolve("csv"), false, CLIENT, SECRET);
        api.failNext(Fault.TOO_MANY_REQUESTS);
        assertSameSchool(reader(100).read(), csvSnapshot(temp.resolve("csv")));
        assertThat(pauses).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void a500IsRetriedAfterABackoffAndThenTheReadSucceeds() throws Exception {
        api = FakeOneRosterApi.start(temp.resolve("csv"), false, CLIENT, SECRET);
        api.failNext(Fault.SERVER_ERROR, Fault.SERVER_ERROR);
        assertSameSchool(reader(100).read(), csvSnapshot(temp.resolve("csv")));
        assertThat(pauses).hasSize(2);
        assertThat(pauses.get(1)).isGreaterThan(pauses.get(0).minusMillis(1));
    }

    @Test
    void aServerThatKeepsFailingFailsTheReadNamingTheCollectionAndTheAttempts() throws Exception {
        api = FakeOneRosterApi.start(temp.resolve("csv"), false, CLIENT, SECRET);
        api.failNext(Fault.SERVER_ERROR, Fault.SERVER_ERROR, Fault.SERVER_ERROR, Fault.SERVER_ERROR);
        assertThatThrownBy(() -> reader(100).read()).isInstanceOf(MisReadException.class)
                .hasMessageContaining("/ims/oneroster/v1p1/orgs").hasMessageContaining("HTTP 500")
                .hasMessageContaining("gave up after 4 attempts");
    }

    @Test
    void aSlowAnswerTimesOutAndIsRetried() throws Exception {
        api = FakeOneRosterApi.start(temp.resolve("csv"), false, CLIENT, SECRET);
        api.slowMillis(3000);
        api.failNext(Fault.SLOW);
        HttpSettings oneSecond = fast().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1));
        assertSameSchool(reader(oneSecond, 100, false, CLIENT, SECRET).read(), csvSnapshot(temp.resolve("csv")));
        assertThat(pauses).hasSize(1);

        api.failNext(Fault.SLOW, Fault.SLOW);
        assertThatThrownBy(() -> reader(oneSecond.withMaxAttempts(2), 100, false, CLIENT, SECRET).read())
                .isInstanceOf(MisReadException.class).hasMessageContaining("no answer within 1 s")
                .hasMessageContaining("gave up after 2 attempts");
    }

    @Test
    void anExpiredTokenIsRenewedOnceAndTheReadGoesOn() throws Exception {
        api = FakeOneRosterApi.start(temp.resolve("csv"), false, CLIENT, SECRET);
        OneRosterRestReader reader = reader(100);
        reader.read();
        assertThat(api.tokensIssued()).isEqualTo(1);
        api.failNext(Fault.EXPIRE_TOKEN);
        assertSameSchool(reader.read(), csvSnapshot(temp.resolve("csv")));
        assertThat(api.tokensIssued()).isEqualTo(2);
        assertThat(pauses).as("a refused token is renewed at once, not after a backoff").isEmpty();
    }

    @Test
    void aTruncatedBodyIsRetriedAndOneThatStaysTruncatedFailsTheRead() throws Exception {
        api = FakeOneRosterApi.start(temp.resolve("csv"), false, CLIENT, SECRET);
        api.failNext(Fault.TRUNCATED_BODY);
        assertSameSchool(reader(100).read(), csvSnapshot(temp.resolve("csv")));
        assertThat(pauses).hasSize(1);

        api.failNext(Fault.TRUNCATED_BODY, Fault.TRUNCATED_BODY);
        assertThatThrownBy(() -> reader(fast().withMaxAttempts(2), 100, false, CLIENT, SECRET).read())
                .isInstanceOf(MisReadException.class).hasMessageContaining("/orgs").hasMessageContaining("gave up after 2 attempts");
    }

    @Test
    void aWrongSecretFailsClearlyAndTheSecretIsNowhereInTheMessage() throws Exception {
        api = FakeOneRosterApi.start(temp.resolve("csv"), false, CLIENT, SECRET);
        String wrong = "Wrong-" + SECRET;
        OneRosterRestReader reader = reader(fast(), 100, false, CLIENT, wrong);
        assertThatThrownBy(reader::read).isInstanceOf(MisReadException.class)
                .hasMessageContaining("/token").hasMessageContaining("HTTP 401").hasMessageContaining("refused our credentials")
                .hasMessageNotContaining(wrong).hasMessageNotContaining(SECRET);
        assertThat(http.clientCredentials(api.tokenUrl(), CLIENT, SECRET, null).toString()).doesNotContain(SECRET);
    }

    @Test
    void xporterSendsRelyingPartyAndEstablishmentAsTheBasicUserName() throws Exception {
        String xporterUser = "app.example.com|3281101";
        api = FakeOneRosterApi.start(temp.resolve("csv"), false, xporterUser, SECRET);
        assertSameSchool(reader(fast(), 200, false, xporterUser, SECRET).read(), csvSnapshot(temp.resolve("csv")));
    }

    @Test
    void anAnswerOverTheSizeCapFailsTheReadUnread() throws Exception {
        api = FakeOneRosterApi.start(temp.resolve("csv"), false, CLIENT, SECRET);
        assertThatThrownBy(() -> reader(fast().withMaxResponseBytes(2_000), 200, false, CLIENT, SECRET).read())
                .isInstanceOf(MisReadException.class).hasMessageContaining("2000 allowed");
        assertThat(pauses).as("a response too large is not retried").isEmpty();
    }

    @Test
    void withDeltasOnlyChangedRecordsAreAskedForAndAppliedToTheLastRead() throws Exception {
        api = FakeOneRosterApi.start(temp.resolve("csv"), false, CLIENT, SECRET);
        OneRosterRestReader reader = reader(fast(), 100, true, CLIENT, SECRET);
        Snapshot full = reader.read();
        int servedByFullRead = api.recordsServed();
        Student first = full.students().get(0);
        api.modify("users", first.id(), "givenName", "Renamed");

        Snapshot delta = reader.read();
        assertThat(api.requestLog()).last().asString().contains("filter=dateLastModified");
        assertThat(delta.students()).filteredOn(s -> s.id().equals(first.id())).extracting(Student::givenName).containsExactly("Renamed");
        assertThat(delta.students()).hasSameSizeAs(full.students());
        assertThat(api.recordsServed() - servedByFullRead).as("records served by the delta read")
                .isLessThan(servedByFullRead / 2);
    }

    @Test
    void aDeltaThatFetchesNothingGivesTheLastSnapshotAgainOnTheSameDay() throws Exception {
        api = FakeOneRosterApi.start(temp.resolve("csv"), false, CLIENT, SECRET);
        MovableClock clock = new MovableClock(Instant.now());
        http = new MisHttpClient("test", fast(), pauses::add);
        RestSettings rest = new RestSettings(api.baseUrl(), RestSettings.isV12(api.baseUrl(), "auto"), 100, true, Duration.ofDays(7));
        OneRosterRestReader reader = new OneRosterRestReader("rest-school", rest, null, http,
                http.clientCredentials(api.tokenUrl(), CLIENT, SECRET, null), clock);
        Snapshot full = reader.read();

        clock.advance(Duration.ofMinutes(1));
        Snapshot same = reader.read();
        assertThat(api.requestLog()).last().asString().contains("filter=dateLastModified");
        assertThat(same.students()).as("not assembled again").isSameAs(full.students());
        assertThat(same.links()).isSameAs(full.links());
        assertThat(same.readAt()).isEqualTo(clock.instant());

        Student first = full.students().get(0);
        api.modify("users", first.id(), "givenName", "Renamed");
        clock.advance(Duration.ofMinutes(1));
        Snapshot changed = reader.read();
        assertThat(changed.students()).filteredOn(s -> s.id().equals(first.id())).extracting(Student::givenName)
                .containsExactly("Renamed");

        clock.advance(Duration.ofDays(1)); // nothing fetched, but a day on: leaving dates may have passed
        Snapshot nextDay = reader.read();
        assertThat(nextDay.students()).isNotSameAs(changed.students()).hasSameSizeAs(changed.students());
    }

    @Test
    void aNextLinkToAnotherHostIsNotFollowed() throws Exception {
        api = FakeOneRosterApi.start(temp.resolve("csv"), false, CLIENT, SECRET);
        URI elsewhere = URI.create("http://localhost:" + api.baseUrl().getPort() + "/ims/oneroster/v1p1");
        http = new MisHttpClient("test", fast(), pauses::add);
        RestSettings rest = new RestSettings(elsewhere, false, 100, false, Duration.ofHours(24));
        api.linkHeaders(true);
        // the server's Link header names 127.0.0.1, not the host the reader was given
        OneRosterRestReader reader = new OneRosterRestReader("rest-school", rest, null, http,
                http.clientCredentials(api.tokenUrl(), CLIENT, SECRET, null), CLOCK);
        assertThatThrownBy(reader::read).isInstanceOf(MisReadException.class).hasMessageContaining("another host");
    }
}
