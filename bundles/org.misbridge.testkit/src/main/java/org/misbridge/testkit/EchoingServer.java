package org.misbridge.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A careless server on 127.0.0.1, as some MIS and meal-manager endpoints are: it refuses every
 * request with an error status and echoes the request back in the body, credentials first
 * (the {@code Authorization} header, then the query and the body), so that the first 200
 * characters of its answer carry them. As JSON or as plain text, to match both kinds of servers.
 */
public final class EchoingServer implements AutoCloseable {

    /** How the echo is written. */
    public enum Form {
        /** {@code {"error": …, "echo": {"authorization": …, "method": …, "uri": …, "body": …}}} */
        JSON,
        /** The request's lines: method and URI, {@code Authorization: …}, the other headers, a blank line, the body. */
        TEXT
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "echoing-server");
        t.setDaemon(true);
        return t;
    });
    private final int status;
    private final Form form;
    private final List<String> echoed = Collections.synchronizedList(new ArrayList<>());

    private EchoingServer(HttpServer server, int status, Form form) {
        this.server = server;
        this.status = status;
        this.form = form;
    }

    /** Answers every request with {@code status} and the echo. */
    public static EchoingServer start(int status, Form form) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        EchoingServer echo = new EchoingServer(server, status, form);
        server.createContext("/", echo::answer);
        server.setExecutor(echo.executor);
        server.start();
        return echo;
    }

    /** http://127.0.0.1:PORT */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every body sent so far, in order. */
    public List<String> echoed() {
        synchronized (echoed) {
            return List.copyOf(echoed);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            String uri = exchange.getRequestURI().toString();
            String answer;
            String type;
            if (form == Form.JSON) {
                ObjectNode root = JSON.createObjectNode();
                root.put("error", "invalid_request");
                ObjectNode echo = root.putObject("echo");
                echo.put("authorization", authorization);
                echo.put("method", exchange.getRequestMethod());
                echo.put("uri", uri);
                echo.put("body", body);
                answer = root.toString();
                type = "application/json";
            } else {
                StringBuilder s = new StringBuilder("request refused\n");
                s.append(exchange.getRequestMethod()).append(' ').append(uri).append('\n');
                s.append("Authorization: ").append(authorization).append('\n');
                for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
                    if (!h.getKey().equalsIgnoreCase("Authorization")) {
                        s.append(h.getKey()).append(": ").append(String.join(", ", h.getValue())).append('\n');
                    }
                }
                answer = s.append('\n').append(body).toString();
                type = "text/plain; charset=utf-8";
            }
            echoed.add(answer);
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
