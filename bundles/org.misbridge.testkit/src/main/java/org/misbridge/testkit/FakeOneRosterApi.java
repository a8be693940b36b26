package org.misbridge.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A OneRoster 1.1 (or 1.2) REST API on 127.0.0.1 for tests and demos, serving the very records of
 * a OneRoster CSV set as JSON in the REST binding's shape: {@code /ims/oneroster/v1p1/users} and
 * so on, paged by {@code limit}/{@code offset} with {@code X-Total-Count} (and, if asked, a
 * {@code Link: rel="next"} header), behind an OAuth 2.0 client-credentials token endpoint at
 * {@code /token}. It can be told to misbehave on the next data requests: answer 429, answer 500,
 * answer late, expire the token, or cut the body short.
 */
public final class FakeOneRosterApi implements AutoCloseable {

    public enum Fault {
        /** 429 with {@code Retry-After: 1}. */
        TOO_MANY_REQUESTS,
        /** 500 with a short JSON error. */
        SERVER_ERROR,
        /** Answer correctly after {@code slowMillis}. */
        SLOW,
        /** Forget every token issued so far and answer 401. */
        EXPIRE_TOKEN,
        /** Declare the whole body's length, send half of it, and close the connection. */
        TRUNCATED_BODY
    }

    public static final List<String> COLLECTIONS = List.of("orgs", "users", "classes", "enrollments", "academicSessions");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FILTER = Pattern.compile("dateLastModified>'([^']+)'");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-oneroster-api");
        t.setDaemon(true);
        return t;
    });
    private final boolean v12;
    private final String clientId;
    private final String clientSecret;
    /** A record as served: kept serialised, so that a district of records fits in a test's heap. */
    private record Served(String sourcedId, Instant modified, byte[] json) {
        static Served of(ObjectNode node) {
            try {
                return new Served(node.path("sourcedId").asText(), Instant.parse(node.path("dateLastModified").asText()),
                        JSON.writeValueAsBytes(node));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final Map<String, List<Served>> collections = new ConcurrentHashMap<>();
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger dataRequests = new AtomicInteger();
    private final AtomicInteger recordsServed = new AtomicInteger();
    private final List<String> requestLog = Collections.synchronizedList(new ArrayList<>());
    private volatile long slowMillis = 3000;
    private volatile boolean linkHeaders;
    private volatile int maxPageSize = Integer.MAX_VALUE;
    private volatile int tokenLifetimeSeconds = 3600;

    private FakeOneRosterApi(HttpServer server, boolean v12, String clientId, String clientSecret) {
        this.server = server;
        this.v12 = v12;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** Serves {@code csvFolder}'s records; {@code clientId}/{@code clientSecret} are what /token accepts. */
    public static FakeOneRosterApi start(Path csvFolder, boolean v12, String clientId, String clientSecret) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        FakeOneRosterApi api = new FakeOneRosterApi(server, v12, clientId, clientSecret);
        api.load(csvFolder);
        server.createContext("/token", api::token);
        server.createContext(api.basePath(), api::data);
        server.createContext("/control", api::control);
        server.setExecutor(api.executor);
        server.start();
        return api;
    }

    private String basePath() {
        return v12 ? "/ims/oneroster/rostering/v1p2" : "/ims/oneroster/v1p1";
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + basePath());
    }

    public URI tokenUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
    }

    /**
     * Replaces every record with those of a CSV set; where {@code dateLastModified} is blank a
     * record gets a day before now, so that only records {@link #modify modified} later are newer.
     */
    public void load(Path csvFolder) throws IOException {
        String now = Instant.now().minus(Duration.ofDays(1)).toString();
        collections.put("orgs", convert(read(csvFolder.resolve("orgs.csv")), now, this::org));
        collections.put("users", convert(read(csvFolder.resolve("users.csv")), now, this::user));
        collections.put("classes", convert(read(csvFolder.resolve("classes.csv")), now, this::clazz));
        collections.put("enrollments", convert(read(csvFolder.resolve("enrollments.csv")), now, this::enrollment));
        Path sessions = csvFolder.resolve("academicSessions.csv");
        collections.put("academicSessions", Files.exists(sessions) ? convert(read(sessions), now, this::plain) : new ArrayList<>());
    }

    /** Changes one field of one record, stamping it modified now (for delta reads). */
    public void modify(String collection, String sourcedId, String field, String value) {
        edit(collection, sourcedId, node -> node.put(field, value));
    }

    /** Points a record's reference {@code field} at {@code id} of {@code type} (a student's enrolment at another class), stamping it modified now. */
    public void refer(String collection, String sourcedId, String field, String id, String type) {
        edit(collection, sourcedId, node -> node.set(field, refNode(id, type)));
    }

    /**
     * Changes one record as {@code change} says (any field, arrays such as a 1.2 user's {@code roles}
     * or {@code agents} too), stamping it modified now.
     */
    public void edit(String collection, String sourcedId, Consumer<ObjectNode> change) {
        List<Served> records = collections.get(collection);
        for (int i = 0; i < records.size(); i++) {
            if (sourcedId.equals(records.get(i).sourcedId())) {
                try {
                    ObjectNode node = (ObjectNode) JSON.readTree(records.get(i).json());
                    change.accept(node);
                    node.put("dateLastModified", Instant.now().toString());
                    records.set(i, Served.of(node));
                    return;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalArgumentException("no " + collection + " record " + sourcedId);
    }

    /** A reference as the API writes one ({@code {href, sourcedId, type}}), for {@link #edit}. */
    public ObjectNode reference(String sourcedId, String type) {
        return refNode(sourcedId, type);
    }

    public synchronized void failNext(Fault... next) {
        faults.addAll(List.of(next));
    }

    public void slowMillis(long millis) {
        this.slowMillis = millis;
    }

    /** Also send {@code Link: <…>; rel="next"} on every page but the last. */
    public void linkHeaders(boolean on) {
        this.linkHeaders = on;
    }

    /** Serve at most this many records per page whatever limit is asked (as some servers do). */
    public void maxPageSize(int records) {
        this.maxPageSize = records;
    }

    public void tokenLifetimeSeconds(int seconds) {
        this.tokenLifetimeSeconds = seconds;
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    public int dataRequests() {
        return dataRequests.get();
    }

    public int recordsServed() {
        return recordsServed.get();
    }

    /** Each data request's path and query, in order. */
    public List<String> requestLog() {
        synchronized (requestLog) {
            return List.copyOf(requestLog);
        }
    }

    private synchronized Fault nextFault() {
        return faults.poll();
    }

    /**
     * {@code GET /control?fail=SERVER_ERROR,TOO_MANY_REQUESTS} queues faults, and
     * {@code GET /control?modify=users/<sourcedId>/<field>/<value>} {@link #modify modifies} a record,
     * {@code GET /control?refer=enrollments/<sourcedId>/class/<class sourcedId>/class} points a record's
     * reference elsewhere (a student moved class),
     * for tests that run in another JVM (a Karaf container) than the one holding this object.
     */
    private void control(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String fail = query.get("fail");
            if (fail != null) {
                for (String f : fail.split(",")) {
                    failNext(Fault.valueOf(f.strip()));
                }
            }
            String modify = query.get("modify");
            if (modify != null) {
                String[] parts = modify.split("/", 4);
                if (parts.length != 4) {
                    throw new IllegalArgumentException("modify is collection/sourcedId/field/value");
                }
                modify(parts[0], parts[1], parts[2], parts[3]);
            }
            String refer = query.get("refer");
            if (refer != null) {
                String[] parts = refer.split("/", 5);
                if (parts.length != 5) {
                    throw new IllegalArgumentException("refer is collection/sourcedId/field/sourcedId referred to/type");
                }
                refer(parts[0], parts[1], parts[2], parts[3], parts[4]);
            }
            JsonAnswers.send(exchange, 200, "{\"dataRequests\":" + dataRequests() + ",\"tokensIssued\":" + tokensIssued() + "}", Map.of());
        } catch (IllegalArgumentException e) {
            JsonAnswers.send(exchange, 400, "{\"error\":\"unknown fault or record\"}", Map.of());
        }
    }

    public URI controlUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/control");
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String expected = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
            if (!"POST".equals(exchange.getRequestMethod()) || !body.contains("grant_type=client_credentials")) {
                JsonAnswers.send(exchange, 400, "{\"error\":\"unsupported_grant_type\"}", Map.of());
                return;
            }
            if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                JsonAnswers.send(exchange, 401, "{\"error\":\"invalid_client\"}", Map.of());
                return;
            }
            String token = "tok-" + tokensIssued.incrementAndGet() + "-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
            validTokens.add(token);
            JsonAnswers.send(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":"
                    + tokenLifetimeSeconds + "}", Map.of());
        }
    }

    private void data(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String collection = path.substring(basePath().length()).replaceAll("^/+", "");
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("Bearer ") || !validTokens.contains(auth.substring(7))) {
                JsonAnswers.send(exchange, 401, "{\"imsx_codeMajor\":\"failure\",\"imsx_description\":\"invalid token\"}", Map.of());
                return;
            }
            dataRequests.incrementAndGet();
            requestLog.add(exchange.getRequestURI().getRawPath() + "?" + exchange.getRequestURI().getRawQuery());
            Fault fault = nextFault();
            if (fault == Fault.TOO_MANY_REQUESTS) {
                JsonAnswers.send(exchange, 429, "{\"error\":\"slow down\"}", Map.of("Retry-After", "1"));
                return;
            }
            if (fault == Fault.SERVER_ERROR) {
                JsonAnswers.send(exchange, 500, "{\"error\":\"the MIS is having a bad day\"}", Map.of());
                return;
            }
            if (fault == Fault.EXPIRE_TOKEN) {
                validTokens.clear();
                JsonAnswers.send(exchange, 401, "{\"imsx_codeMajor\":\"failure\",\"imsx_description\":\"token expired\"}", Map.of());
                return;
            }
            if (fault == Fault.SLOW) {
                sleep(slowMillis);
            }
            List<Served> all = collections.get(collection);
            if (all == null) {
                JsonAnswers.send(exchange, 404, "{\"error\":\"no such collection\"}", Map.of());
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            List<Served> matching = filter(all, query.get("filter"));
            int limit = Math.min(maxPageSize, Integer.parseInt(query.getOrDefault("limit", String.valueOf(Integer.MAX_VALUE))));
            int offset = Integer.parseInt(query.getOrDefault("offset", "0"));
            int end = (int) Math.min(matching.size(), (long) offset + limit);
            List<Served> page = matching.subList(Math.min(offset, end), end);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(("{\"" + collection + "\":[").getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < page.size(); i++) {
                if (i > 0) {
                    body.write(',');
                }
                body.write(page.get(i).json());
            }
            body.write("]}".getBytes(StandardCharsets.UTF_8));
            recordsServed.addAndGet(page.size());
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("X-Total-Count", String.valueOf(matching.size()));
            if (linkHeaders && offset + page.size() < matching.size()) {
                headers.put("Link", "<http://127.0.0.1:" + server.getAddress().getPort() + path + "?limit=" + limit + "&offset=" + (offset + page.size()) + ">; rel=\"next\"");
            }
            byte[] bytes = body.toByteArray();
            if (fault == Fault.TRUNCATED_BODY) {
                headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                OutputStream out = exchange.getResponseBody();
                out.write(bytes, 0, bytes.length / 2);
                out.flush();
                throw new IOException("cut short on purpose");
            }
            JsonAnswers.send(exchange, 200, bytes, headers);
        } catch (IOException cutShort) {
            // the client sees a body shorter than declared
        }
    }

    private static List<Served> filter(List<Served> all, String filter) {
        if (filter == null) {
            return all;
        }
        Matcher m = FILTER.matcher(filter);
        if (!m.matches()) {
            return all; // like some real servers: an unknown filter is ignored
        }
        Instant since = OffsetDateTime.parse(m.group(1)).toInstant();
        List<Served> out = new ArrayList<>();
        for (Served record : all) {
            if (record.modified().isAfter(since)) {
                out.add(record);
            }
        }
        return out;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    private static List<Map<String, String>> read(Path csv) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
            for (CSVRecord record : parser) {
                Map<String, String> row = new LinkedHashMap<>();
                parser.getHeaderNames().forEach(h -> row.put(h.replace("\uFEFF", ""), record.isSet(h) ? record.get(h) : ""));
                rows.add(row);
            }
        }
        return rows;
    }

    private interface Converter {
        ObjectNode convert(Map<String, String> row);
    }

    private static List<Served> convert(List<Map<String, String>> rows, String now, Converter converter) {
        List<Served> out = new ArrayList<>();
        for (Map<String, String> row : rows) {
            ObjectNode node = converter.convert(row);
            String modified = row.getOrDefault("dateLastModified", "");
            node.put("dateLastModified", modified.isBlank() ? now : modified);
            node.put("status", row.getOrDefault("status", "").isBlank() ? "active" : row.get("status"));
            out.add(Served.of(node));
        }
        return new CopyOnWriteArrayList<>(out);
    }

    private ObjectNode plain(Map<String, String> row) {
        ObjectNode node = JSON.createObjectNode();
        row.forEach((k, v) -> {
            if (!v.isBlank() && !k.equals("dateLastModified") && !k.equals("status")) {
                node.put(k, v);
            }
        });
        return node;
    }

    private ObjectNode org(Map<String, String> row) {
        ObjectNode node = plain(row);
        node.remove("parentSourcedId");
        ref(node, "parent", row.get("parentSourcedId"), "org");
        return node;
    }

    private ObjectNode user(Map<String, String> row) {
        ObjectNode node = JSON.createObjectNode();
        node.put("sourcedId", row.get("sourcedId"));
        node.put("enabledUser", row.getOrDefault("enabledUser", "true").isBlank() ? "true" : row.get("enabledUser"));
        for (String field : List.of("username", "givenName", "familyName", "middleName", "identifier", "email", "sms", "phone")) {
            String v = row.getOrDefault(field, "");
            if (!v.isBlank()) {
                node.put(field, v);
            }
        }
        ArrayNode orgs = node.putArray("orgs");
        for (String org : split(row.get("orgSourcedIds"))) {
            orgs.add(refNode(org, "org"));
        }
        if (v12) {
            ArrayNode roles = node.putArray("roles");
            boolean first = true;
            for (String org : split(row.get("orgSourcedIds"))) {
                ObjectNode role = roles.addObject();
                role.put("roleType", first ? "primary" : "secondary");
                role.put("role", row.get("role"));
                role.set("org", refNode(org, "org"));
                first = false;
            }
        } else {
            node.put("role", row.get("role"));
        }
        ArrayNode agents = node.putArray("agents");
        for (String agent : split(row.get("agentSourcedIds"))) {
            agents.add(refNode(agent, "user"));
        }
        ArrayNode grades = node.putArray("grades");
        split(row.get("grades")).forEach(grades::add);
        return node;
    }

    private ObjectNode clazz(Map<String, String> row) {
        ObjectNode node = JSON.createObjectNode();
        for (String field : List.of("sourcedId", "title", "classCode", "classType", "location")) {
            String v = row.getOrDefault(field, "");
            if (!v.isBlank()) {
                node.put(field, v);
            }
        }
        ref(node, "course", row.get("courseSourcedId"), "course");
        ref(node, "school", row.get("schoolSourcedId"), "org");
        ArrayNode terms = node.putArray("terms");
        split(row.get("termSourcedIds")).forEach(t -> terms.add(refNode(t, "academicSession")));
        return node;
    }

    private ObjectNode enrollment(Map<String, String> row) {
        ObjectNode node = JSON.createObjectNode();
        node.put("sourcedId", row.get("sourcedId"));
        node.put("role", row.get("role"));
        ref(node, "user", row.get("userSourcedId"), "user");
        ref(node, "class", row.get("classSourcedId"), "class");
        ref(node, "school", row.get("schoolSourcedId"), "org");
        for (String field : List.of("primary", "beginDate", "endDate")) {
            String v = row.getOrDefault(field, "");
            if (!v.isBlank()) {
                node.put(field, v);
            }
        }
        return node;
    }

    private void ref(ObjectNode node, String field, String id, String type) {
        if (id != null && !id.isBlank()) {
            node.set(field, refNode(id, type));
        }
    }

    private ObjectNode refNode(String id, String type) {
        ObjectNode ref = JSON.createObjectNode();
        ref.put("href", basePath() + "/" + type + "s/" + id);
        ref.put("sourcedId", id);
        ref.put("type", type);
        return ref;
    }

    private static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        if (value != null) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
