package org.misbridge.mis.wonde.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.misbridge.api.model.ContactLink;
import org.misbridge.api.model.EmailLocation;
import org.misbridge.api.model.Group;
import org.misbridge.api.model.ReadFailure;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Student;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.mis.http.Credentials;
import org.misbridge.mis.http.HttpSettings;
import org.misbridge.mis.http.MisHttpClient;

/**
 * The corpus of broken and hostile Wonde answers under src/test/resources/corpus/wonde. Each folder
 * is one school as a server would serve it: {@code <collection>.json} is the first page of that
 * collection ({@code students}, {@code students-pre-admission}, {@code students-leaver},
 * {@code employees}, {@code groups}, {@code classes}), {@code <collection>.<n>.json} the page a
 * {@code page=n} link asks for, and a collection without a file answers an empty last page. The
 * bytes are served exactly as they are (bad encodings, cut-off JSON), by a real HTTP server on
 * 127.0.0.1, and read by the real {@link WondeReader} through the real {@link MisHttpClient}.
 *
 * <p>{@code expected.properties} says what the read must give: {@code outcome=ok} with counts (and
 * optionally ids, names, priorities), {@code outcome=incomplete} with the areas in
 * {@code failures} (a snapshot the sync refuses whole), or {@code outcome=error} with a
 * {@link MisReadException} whose message has each part of {@code message}. {@code status.<collection>}
 * makes the server answer that status instead, {@code chunked=true} sends bodies without a declared
 * length, and {@code maxResponseBytes} lowers the client's cap.
 * Never a partial snapshot, never another kind of exception.
 */
class BadInputCorpusTest {

    private static final String WONDE_ID = "A1930499544";
    private static final String SCHOOL_PATH = "/v1.0/schools/" + WONDE_ID + "/";
    private static final byte[] EMPTY_PAGE =
            "{\"data\":[],\"meta\":{\"pagination\":{\"next\":null}}}".getBytes(StandardCharsets.UTF_8);
    private static final Pattern PAGE = Pattern.compile("(?:^|&)page=(\\d+)");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-23T12:00:00Z"), ZoneOffset.UTC);

    static Stream<Path> corpus() throws IOException, URISyntaxException {
        Path root = Path.of(BadInputCorpusTest.class.getResource("/corpus/wonde").toURI());
        return Files.list(root).filter(Files::isDirectory).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachSchoolGivesItsExpectedOutcome(Path folder) throws Exception {
        Properties expected = new Properties();
        try (Reader in = Files.newBufferedReader(folder.resolve("expected.properties"), StandardCharsets.UTF_8)) {
            expected.load(in);
        }
        String name = folder.getFileName().toString();
        HttpServer server = serve(folder, expected);
        HttpSettings settings = HttpSettings.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(20))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
                .withMaxResponseBytes(Long.parseLong(expected.getProperty("maxResponseBytes",
                        Long.toString(HttpSettings.DEFAULT_MAX_RESPONSE_BYTES))));
        try (MisHttpClient http = new MisHttpClient("corpus", settings, pause -> { })) {
            WondeReader reader = new WondeReader(new WondeSettings("corpus", URI.create("http://127.0.0.1:"
                    + server.getAddress().getPort()), WONDE_ID, 200, false, Duration.ofHours(24), EmailLocation.OTHER),
                    http, Credentials.bearer("corpus-token"), CLOCK);
            String outcome = expected.getProperty("outcome");
            if ("error".equals(outcome)) {
                Throwable failure = catchThrowable(reader::read);
                assertThat(failure).as(name).isInstanceOf(MisReadException.class);
                for (String part : parts(expected, "message")) {
                    assertThat(failure.getMessage()).as(name).contains(part);
                }
                assertThat(failure.getMessage()).as(name + ": the token never shows").doesNotContain("corpus-token");
                return;
            }
            Snapshot snapshot = reader.read();
            assertThat(snapshot.failures().stream().map(ReadFailure::area).map(Enum::name).toList()).as(name + " failures")
                    .containsExactlyElementsOf(parts(expected, "failures"));
            assertThat(outcome).as(name).isEqualTo(snapshot.failures().isEmpty() ? "ok" : "incomplete");
            count(expected, "students", snapshot.students().size());
            count(expected, "contacts", snapshot.contacts().size());
            count(expected, "links", snapshot.links().size());
            count(expected, "staff", snapshot.staff().size());
            count(expected, "groups", snapshot.groups().size());
            count(expected, "memberships", snapshot.groups().stream().mapToInt(g -> g.memberIds().size()).sum());
            list(expected, "ids", snapshot.students().stream().map(Student::id).toList());
            list(expected, "names", snapshot.students().stream().map(s -> s.givenName() + " " + s.familyName()).toList());
            list(expected, "priorities", snapshot.links().stream().map(l -> l.contactId() + ":" + l.priority()).toList());
            list(expected, "members", snapshot.groups().stream()
                    .map(g -> g.id() + ":" + String.join("+", new java.util.TreeSet<>(g.memberIds()))).toList());
            // every link and membership points at something in the snapshot: no dangling reference survives a read
            var contactIds = snapshot.contacts().stream().map(c -> c.id()).collect(Collectors.toSet());
            var studentIds = snapshot.students().stream().map(Student::id).collect(Collectors.toSet());
            for (ContactLink link : snapshot.links()) {
                assertThat(contactIds).as(name + ": link " + link).contains(link.contactId());
                assertThat(studentIds).as(name + ": link " + link).contains(link.studentId());
            }
            var people = new java.util.HashSet<>(studentIds);
            snapshot.staff().forEach(s -> people.add(s.id()));
            for (Group group : snapshot.groups()) {
                assertThat(people).as(name + ": members of " + group.id()).containsAll(group.memberIds());
            }
        } finally {
            server.stop(0);
        }
    }

    /** Serves the folder's pages as they are; a status in expected.properties replaces a collection's answer. */
    private static HttpServer serve(Path folder, Properties expected) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> answer(exchange, folder, expected));
        server.start();
        return server;
    }

    private static void answer(HttpExchange exchange, Path folder, Properties expected) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String collection = path.startsWith(SCHOOL_PATH) ? path.substring(SCHOOL_PATH.length()) : "";
            if (!List.of("students", "students-pre-admission", "students-leaver", "employees", "groups", "classes")
                    .contains(collection)) {
                exchange.sendResponseHeaders(404, -1); // like Wonde: nothing exists off the school's collections
                return;
            }
            String status = expected.getProperty("status." + collection);
            if (status != null) {
                byte[] error = "{\"error\":\"refused\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(Integer.parseInt(status), error.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(error);
                }
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            Matcher page = PAGE.matcher(query == null ? "" : query);
            Path file = folder.resolve(page.find() && !page.group(1).equals("1")
                    ? collection + "." + page.group(1) + ".json" : collection + ".json");
            byte[] body = Files.exists(file) ? Files.readAllBytes(file) : EMPTY_PAGE;
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            boolean chunked = Boolean.parseBoolean(expected.getProperty("chunked"));
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : chunked ? 0 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static List<String> parts(Properties expected, String key) {
        String value = expected.getProperty(key);
        return value == null || value.isBlank() ? List.of() : Arrays.asList(value.split("\\|"));
    }

    private static void count(Properties expected, String key, int actual) {
        if (expected.containsKey(key)) {
            assertThat(actual).as(key).isEqualTo(Integer.parseInt(expected.getProperty(key)));
        }
    }

    private static void list(Properties expected, String key, List<String> actual) {
        if (expected.containsKey(key)) {
            assertThat(String.join(",", actual)).as(key).isEqualTo(expected.getProperty(key));
        }
    }
}
