package org.misbridge.testkit;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** How the testkit's fake servers answer: a JSON body of known length, with any extra headers. */
final class JsonAnswers {

    private JsonAnswers() {
    }

    static void send(HttpExchange exchange, int code, String body) throws IOException {
        send(exchange, code, body, Map.of());
    }

    static void send(HttpExchange exchange, int code, String body, Map<String, String> headers) throws IOException {
        send(exchange, code, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    static void send(HttpExchange exchange, int code, byte[] body, Map<String, String> headers) throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
