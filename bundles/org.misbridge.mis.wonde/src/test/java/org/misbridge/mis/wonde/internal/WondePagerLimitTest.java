package org.misbridge.mis.wonde.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.mis.http.Credentials;
import org.misbridge.mis.http.HttpSettings;
import org.misbridge.mis.http.MisHttpClient;

/**
 * A server whose next links keep changing (each page points at a new one) would keep a read
 * going forever; the pager stops at its page limit (found by fuzzing).
 */
class WondePagerLimitTest {

    @Test
    void endlesslyChangingNextLinksStopAtThePageLimit() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger served = new AtomicInteger();
        server.createContext("/", exchange -> {
            int n = served.incrementAndGet();
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            byte[] body = ("{\"data\":[{\"id\":\"S" + n + "\"}],\"meta\":{\"pagination\":{\"next\":\"" + base
                    + "/v1.0/schools/A1/students?page=" + (n + 1) + "\"}}}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try (MisHttpClient http = new MisHttpClient("test", HttpSettings.defaults()
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)))) {
            URI school = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1.0/schools/A1/");
            WondePager pager = new WondePager(http, Credentials.bearer("t"), school, 1, 25);
            assertThatThrownBy(() -> pager.forEach(Endpoint.STUDENTS, null, record -> { }))
                    .isInstanceOf(MisReadException.class).hasMessageContaining("more than 25 pages");
        } finally {
            server.stop(0);
        }
    }
}
