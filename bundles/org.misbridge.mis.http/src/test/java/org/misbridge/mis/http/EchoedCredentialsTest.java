package org.misbridge.mis.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.testkit.EchoingServer;
import org.misbridge.testkit.EchoingServer.Form;

/**
 * A MIS on 127.0.0.1 that echoes the request it refuses, credentials included: what the client
 * quotes of its answer (the exception's message, the retry log line) never carries them.
 */
class EchoedCredentialsTest {

    private static final String TOKEN = "wonde-Token-5b0c2a7e91d34f";
    private static final String CLIENT_ID = "misbridge-client";
    private static final String SECRET = "oneroster-Secret-77e1c0d9";

    private EchoingServer echo;
    private MisHttpClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (echo != null) {
            echo.close();
        }
    }

    private MisHttpClient client(int attempts) {
        client = new MisHttpClient("school echo", HttpSettings.defaults().withMaxAttempts(attempts)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)), d -> { });
        return client;
    }

    @Test
    void aBearerTokenEchoedInAJsonErrorIsMaskedInTheMessage() throws Exception {
        echo = EchoingServer.start(400, Form.JSON);
        URI users = echo.baseUrl().resolve("/ims/oneroster/v1p1/users?limit=500&offset=0");

        MisReadException e = catchThrowableOfType(MisReadException.class,
                () -> client(1).get(users, Credentials.bearer(TOKEN), "application/json"));

        assertThat(echo.echoed()).singleElement().asString().contains("Bearer " + TOKEN);
        assertThat(e.getMessage()).contains("HTTP 400", "\"authorization\":\"****\"").doesNotContain(TOKEN);
    }

    @Test
    void theClientSecretEchoedAsTextByTheTokenEndpointIsMaskedInTheMessage() throws Exception {
        echo = EchoingServer.start(400, Form.TEXT);
        String basic = Base64.getEncoder().encodeToString((CLIENT_ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        Credentials token = client(1).clientCredentials(echo.baseUrl().resolve("/token"), CLIENT_ID, SECRET, "roster");

        MisReadException e = catchThrowableOfType(MisReadException.class, () -> token.authorization(false));

        assertThat(echo.echoed()).singleElement().asString().contains("Authorization: Basic " + basic);
        assertThat(e.getMessage()).contains("HTTP 400", "Authorization: ****").doesNotContain(basic).doesNotContain(SECRET);
    }

    @Test
    void aServerErrorEchoingTheTokenIsMaskedInTheRetryLogLineAndTheMessage() throws Exception {
        echo = EchoingServer.start(500, Form.TEXT);
        URI users = echo.baseUrl().resolve("/users?access_token=" + TOKEN);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream err = System.err;
        MisReadException e;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8)); // slf4j-simple writes to System.err
        try {
            e = catchThrowableOfType(MisReadException.class, () -> client(2).get(users, Credentials.bearer(TOKEN), "text/csv"));
        } finally {
            System.setErr(err);
        }

        assertThat(echo.echoed()).hasSize(2).allSatisfy(body -> assertThat(body).contains(TOKEN));
        String logged = log.toString(StandardCharsets.UTF_8);
        assertThat(logged).contains("HTTP 500", "retrying").doesNotContain(TOKEN);
        assertThat(e.getMessage()).contains("HTTP 500", "gave up after 2 attempts").doesNotContain(TOKEN);
    }
}
