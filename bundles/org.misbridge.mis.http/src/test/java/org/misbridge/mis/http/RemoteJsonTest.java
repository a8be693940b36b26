package org.misbridge.mis.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.misbridge.api.spi.MisReadException;

/**
 * A MIS on 127.0.0.1 that answers 200 with something that is not JSON, echoing what we sent: Jackson's own message
 * would quote it ({@code Unrecognized token 'sekrit…'}); the reader's message says what was expected and where,
 * and nothing of the credentials.
 */
class RemoteJsonTest {

    private static final String SECRET = "sekritClientSecret42";

    private HttpServer server;
    private MisHttpClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    /** Answers every request 200 with the body the function makes of the request's Authorization header. */
    private URI serve(Function<String, String> body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", (HttpExchange exchange) -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                byte[] bytes = body.apply(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")))
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        server.start();
        client = new MisHttpClient("school echo", HttpSettings.defaults().withMaxAttempts(1)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)), d -> { });
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void anEchoedBearerHeaderIsNeitherInJacksonsWordsNorInTheExcerpt() throws Exception {
        URI base = serve(authorization -> "Authorization: " + authorization + "\n");
        HttpAnswer answer = client.get(base.resolve("/ims/oneroster/v1p1/users?limit=100&offset=0"),
                Credentials.bearer("sekrit"), "application/json");
        assertThat(answer.text()).isEqualTo("Authorization: Bearer sekrit\n");

        MisReadException e = catchThrowableOfType(MisReadException.class,
                () -> RemoteJson.parse(answer, answer.where(), "page 1 of users", client::redact));

        assertThat(e.getMessage()).contains("/ims/oneroster/v1p1/users", "page 1 of users is not JSON: expected",
                "at line 1, column ", "near '").doesNotContain("sekrit").doesNotContain("limit=").doesNotContain("offset=");
    }

    @Test
    void aConfiguredSecretEchoedAsABareTokenStaysOutOfTheMessage() throws Exception {
        URI base = serve(authorization -> {
            String pair = new String(Base64.getDecoder().decode(authorization.substring("Basic ".length())), StandardCharsets.UTF_8);
            return "{\"error\": \"invalid_client\",\n \"client_secret_was\": " + pair.substring(pair.indexOf(':') + 1) + "}";
        });
        Credentials token = client.clientCredentials(base.resolve("/oauth/token?tenant=x"), "misbridge", SECRET, null);
        // what Jackson's message would have carried into the run message
        String echoed = "{\"error\": \"invalid_client\",\n \"client_secret_was\": " + SECRET + "}";
        assertThatThrownBy(() -> new ObjectMapper().readTree(echoed)).hasMessageContaining(SECRET);

        MisReadException e = catchThrowableOfType(MisReadException.class, () -> token.authorization(false));

        // line 2: the bare value is on the body's second line
        assertThat(e.getMessage()).contains("/oauth/token", "the token answer is not JSON: expected", "at line 2, column ")
                .doesNotContain(SECRET).doesNotContain("tenant=");
    }

    @Test
    void controlAndBidiCharactersNearTheFaultAreEscaped() throws Exception {
        URI base = serve(authorization -> "\u202Egnp.exe\u0000\u2028 not json");
        HttpAnswer answer = client.get(base.resolve("/v1.0/schools/A1/students"), Credentials.bearer("sekrit"), "application/json");

        MisReadException e = catchThrowableOfType(MisReadException.class,
                () -> RemoteJson.parse(answer, answer.where(), "page 1 of students", client::redact));

        assertThat(e.getMessage()).contains("page 1 of students is not JSON", "at line 1, column ")
                .doesNotContain("\u202E").doesNotContain("\u0000").doesNotContain("\u2028");
    }
}
