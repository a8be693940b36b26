package org.misbridge.mis.wonde.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.misbridge.api.model.EmailLocation;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.mis.http.Credentials;
import org.misbridge.mis.http.HttpSettings;
import org.misbridge.mis.http.MisHttpClient;

/**
 * Coverage-guided fuzzing of the Wonde reader through its real HTTP client. A server on 127.0.0.1
 * answers every collection with an empty last page, except the one the first byte of the input
 * picks: {@code 0} students, {@code 1} pre-admissions, {@code 2} leavers, {@code 3} employees,
 * {@code 4} groups, {@code 5} classes, {@code 6} all six (only its low three bits count, so the seeds
 * start with the digits {@code '0'}-{@code '6'}); that one gets the rest of the input as its page
 * body. A whole read gives a snapshot or a {@link MisReadException} that names where it failed; any
 * other exception, error or hang is a finding. Without {@code JAZZER_FUZZ} only the seeds in
 * {@code WondeJsonFuzzTestInputs} run; see RELIABILITY.md for the long run.
 */
class WondeJsonFuzzTest {

    private static final List<Endpoint> FUZZED = List.of(Endpoint.STUDENTS, Endpoint.PRE_ADMISSIONS, Endpoint.LEAVERS,
            Endpoint.EMPLOYEES, Endpoint.GROUPS, Endpoint.CLASSES);
    private static final byte[] EMPTY_PAGE =
            "{\"data\":[],\"meta\":{\"pagination\":{\"next\":null}}}".getBytes(StandardCharsets.UTF_8);
    private static final String SCHOOL_PATH = "/v1.0/schools/A1930499544/";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-23T12:00:00Z"), ZoneOffset.UTC);

    // one server and client for the whole run; the body each collection answers with changes per input
    private static volatile Map<String, byte[]> bodies = Map.of();
    private static final HttpServer SERVER = start();
    private static final MisHttpClient HTTP = new MisHttpClient("fuzz", HttpSettings.defaults().withMaxAttempts(1)
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)));
    private static final WondeReader READER = new WondeReader(new WondeSettings("school-fuzz",
            URI.create("http://127.0.0.1:" + SERVER.getAddress().getPort()), "A1930499544", 200, false,
            Duration.ofHours(24), EmailLocation.OTHER), HTTP, Credentials.bearer("fuzz-token"), CLOCK);

    private static HttpServer start() {
        // without TCP_NODELAY every answer waits out the client's delayed ACK: 10 inputs a second instead of hundreds
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", WondeJsonFuzzTest::answer);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        // like Wonde, only the school's collections exist: a next link elsewhere on the host gets 404
        String path = exchange.getRequestURI().getPath();
        String collection = path.startsWith(SCHOOL_PATH) ? path.substring(SCHOOL_PATH.length()) : "";
        boolean known = FUZZED.stream().anyMatch(e -> e.path().equals(collection));
        byte[] body = known ? bodies.getOrDefault(collection, EMPTY_PAGE) : new byte[0];
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(known ? 200 : 404, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @AfterAll
    static void stop() {
        HTTP.close();
        SERVER.stop(0);
    }

    @FuzzTest(maxDuration = "5m")
    void anyPageBodyGivesASnapshotOrAnErrorNamingTheCollection(byte[] input) {
        int target = input.length == 0 ? 0 : input[0] & 7;
        byte[] page = input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
        Map<String, byte[]> answers = new HashMap<>();
        for (int i = 0; i < FUZZED.size(); i++) {
            if (i == target || target >= FUZZED.size()) {
                answers.put(FUZZED.get(i).path(), page);
            }
        }
        bodies = answers;
        try {
            Snapshot snapshot = READER.read();
            assertThat(snapshot.students()).isNotNull();
        } catch (MisReadException e) {
            assertThat(e.source()).isNotBlank();
        }
    }
}
