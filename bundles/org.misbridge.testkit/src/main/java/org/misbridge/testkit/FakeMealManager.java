package org.misbridge.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A meal manager on 127.0.0.1 for tests and demos: it takes the JSON batches MIS Bridge POSTs,
 * applies each change id once (as a real receiver must), remembers every member's state, and can
 * be told to misbehave for the next requests: answer 500, answer too late, or drop the connection
 * after applying the batch.
 */
public final class FakeMealManager implements AutoCloseable {

    /** What the meal manager holds for one member. */
    public record MemberState(String status, boolean preAdmission, String givenName, String familyName) {
    }

    public enum Fault {
        /** Answer normally: queued before a fault, it lets requests through first. */
        NONE,
        /** Answer 500 and apply nothing. */
        ERROR_500,
        /** Answer 429 Too Many Requests with {@code Retry-After} ({@link #busyFor}) and apply nothing. */
        BUSY_429,
        /** Apply the batch, then answer only after {@code slowMillis}. */
        SLOW_AFTER_APPLY,
        /** Apply the batch, then close the connection without answering. */
        DROP_AFTER_APPLY
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-meal-manager");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, MemberState> members = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> receivedByChangeId = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> appliedByChangeId = new ConcurrentHashMap<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final List<String> appliedInOrder = new CopyOnWriteArrayList<>();
    private volatile Fault lasting;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile long slowMillis = 3000;
    private volatile long busySeconds = 120;
    private volatile String requiredAuthorization;

    private FakeMealManager(HttpServer server) {
        this.server = server;
    }

    /** Starts on a free port of 127.0.0.1. */
    public static FakeMealManager start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        FakeMealManager fake = new FakeMealManager(server);
        server.createContext("/changes", fake::handle);
        server.setExecutor(fake.executor);
        server.start();
        return fake;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/changes");
    }

    /** The next requests misbehave in this order, then all is well again. */
    public synchronized void failNext(Fault... next) {
        faults.addAll(List.of(next));
    }

    /** Every request misbehaves so until {@link #heal()}, after those queued by {@link #failNext}. */
    public void failUntilHealed(Fault fault) {
        this.lasting = Objects.requireNonNull(fault, "fault");
    }

    /** Ends {@link #failUntilHealed} and forgets what {@link #failNext} queued. */
    public synchronized void heal() {
        lasting = null;
        faults.clear();
    }

    /** The change ids applied, in the order they were applied (each once). */
    public List<String> appliedInOrder() {
        return List.copyOf(appliedInOrder);
    }

    /** The {@code Retry-After} seconds a {@link Fault#BUSY_429} answer asks for. */
    public void busyFor(long seconds) {
        busySeconds = seconds;
    }

    public void slowMillis(long millis) {
        this.slowMillis = millis;
    }

    /** Requests without exactly this Authorization header are answered 401. */
    public void requireAuthorization(String header) {
        this.requiredAuthorization = header;
    }

    public Map<String, MemberState> members() {
        return Map.copyOf(members);
    }

    public int requests() {
        return requests.get();
    }

    /** Change ids received more than once (a retry of a batch that had arrived). */
    public long duplicatesReceived() {
        return receivedByChangeId.values().stream().filter(n -> n.get() > 1).count();
    }

    /** Change ids applied more than once; a correct exporter and receiver keep this at 0. */
    public long appliedTwice() {
        return appliedByChangeId.values().stream().filter(n -> n.get() > 1).count();
    }

    public int changesApplied() {
        return appliedByChangeId.size();
    }

    private synchronized Fault nextFault() {
        Fault next = faults.poll();
        return next != null ? next : lasting;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if ("GET".equals(exchange.getRequestMethod())) {
                // what it holds, for tests that run in another JVM
                JsonAnswers.send(exchange, 200, JSON.writeValueAsString(Map.of("members", members, "applied", changesApplied(),
                        "appliedTwice", appliedTwice())));
                return;
            }
            requests.incrementAndGet();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (requiredAuthorization != null && !requiredAuthorization.equals(auth)) {
                JsonAnswers.send(exchange, 401, "{\"error\":\"unauthorised\"}");
                return;
            }
            Fault fault = nextFault();
            if (fault == Fault.BUSY_429) {
                exchange.getResponseHeaders().set("Retry-After", Long.toString(busySeconds));
                JsonAnswers.send(exchange, 429, "{\"error\":\"too many requests\"}");
                return;
            }
            if (fault == Fault.ERROR_500) {
                JsonAnswers.send(exchange, 500, "{\"error\":\"meal manager is having a bad day\"}");
                return;
            }
            JsonNode body;
            try (InputStream in = exchange.getRequestBody()) {
                body = JSON.readTree(in);
            }
            for (JsonNode change : body.path("changes")) {
                apply(change);
            }
            if (fault == Fault.DROP_AFTER_APPLY) {
                return; // closing the exchange without a response: the client sees the connection go
            }
            if (fault == Fault.SLOW_AFTER_APPLY) {
                try {
                    Thread.sleep(slowMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            JsonAnswers.send(exchange, 200, "{\"accepted\":" + body.path("changes").size() + "}");
        }
    }

    private void apply(JsonNode change) {
        String id = change.path("changeId").asText();
        receivedByChangeId.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        if (appliedByChangeId.containsKey(id)) {
            return; // already applied: a retry of a batch whose answer was lost
        }
        appliedByChangeId.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        appliedInOrder.add(id);
        String memberId = change.path("memberId").asText();
        MemberState was = members.get(memberId);
        String status = change.path("status").isNull() || change.path("status").isMissingNode()
                ? (was == null ? "Open" : was.status()) : change.path("status").asText();
        members.put(memberId, new MemberState(status, change.path("preAdmission").asBoolean(),
                change.path("givenName").asText(), change.path("familyName").asText()));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
