package org.misbridge.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A rule catches its request wherever the proxy's reads fall: after the end of the previous request's body in the
 * same read (a kept-alive connection whose proxy thread fell behind), or with its head split over two reads.
 */
class FaultProxyTest {

    private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
    private final HttpServer upstream;
    private final FaultProxy proxy;

    FaultProxyTest() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            served.computeIfAbsent(exchange.getRequestURI().getPath(), k -> new AtomicInteger()).incrementAndGet();
            byte[] ok = "ok".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, ok.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ok);
            }
        });
        upstream.start();
        proxy = FaultProxy.start(URI.create("http://127.0.0.1:" + upstream.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.stop(0);
    }

    private static byte[] post(String path, String body) {
        return ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
    }

    private int served(String path) {
        AtomicInteger n = served.get(path);
        return n == null ? 0 : n.get();
    }

    /** Reads until the proxy ends the connection (EOF or reset); false if it was still open after 5 s. */
    private static boolean endedByTheProxy(Socket socket) throws IOException {
        socket.setSoTimeout(5_000);
        try {
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // answers to the requests before the faulted one may come first
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private void awaitServed(String path, int times) throws InterruptedException {
        for (int i = 0; i < 100 && served(path) < times; i++) {
            Thread.sleep(50);
        }
        assertEquals(times, served(path), "requests to " + path + " served");
    }

    @Test
    void aRequestAfterTheEndOfTheLastBodyInTheSameReadIsStillFaulted() throws Exception {
        proxy.fail("/second", FaultProxy.Fault.RESET, 1);
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            // one write: the proxy reads the end of the first request and the whole second one at once
            byte[] first = post("/first", "hello");
            byte[] second = post("/second", "world");
            byte[] both = new byte[first.length + second.length];
            System.arraycopy(first, 0, both, 0, first.length);
            System.arraycopy(second, 0, both, first.length, second.length);
            client.getOutputStream().write(both);
            client.getOutputStream().flush();
            awaitServed("/first", 1);
            assertEquals(true, endedByTheProxy(client), "the connection was reset at the second request");
        }
        assertEquals(0, served("/second"), "the faulted request never reached the server");
        assertEquals(1, proxy.faultsInjected());
        assertEquals(2, proxy.requests());
    }

    @Test
    void aRequestWhoseHeadComesInTwoReadsIsStillFaulted() throws Exception {
        proxy.fail("/second", FaultProxy.Fault.RESET, 1);
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            byte[] second = post("/second", "world");
            client.getOutputStream().write(second, 0, 3); // "POS"
            client.getOutputStream().flush();
            Thread.sleep(200); // the proxy reads the three bytes on their own
            client.getOutputStream().write(second, 3, second.length - 3);
            client.getOutputStream().flush();
            assertEquals(true, endedByTheProxy(client), "the connection was reset at the request");
        }
        assertEquals(0, served("/second"), "the faulted request never reached the server");
        assertEquals(1, proxy.faultsInjected());
    }

    @Test
    void requestsOnAKeptAliveConnectionPassThroughUntilTheRuleMatches() throws Exception {
        proxy.fail("/third", FaultProxy.Fault.RESET, 1);
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            for (String path : new String[] {"/first", "/second"}) {
                client.getOutputStream().write(post(path, "body of " + path));
                client.getOutputStream().flush();
                awaitServed(path, 1);
            }
            client.getOutputStream().write(post("/third", "x"));
            client.getOutputStream().flush();
            assertEquals(true, endedByTheProxy(client), "the connection was reset at the third request");
        }
        assertEquals(0, served("/third"));
        assertEquals(3, proxy.requests());
    }
}
