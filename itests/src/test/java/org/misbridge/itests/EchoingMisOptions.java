package org.misbridge.itests;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.misbridge.testkit.EchoingServer;
import org.misbridge.testkit.EchoingServer.Form;
import org.ops4j.pax.exam.Option;

/**
 * Starts, in the driver JVM before Karaf boots, two careless MIS servers on 127.0.0.1 that refuse
 * every request with 400 and echo it back, credentials first: one as JSON, one as text. Writes the
 * token and client secret the container's schools read from files.
 */
final class EchoingMisOptions {

    static final String TOKEN = "echoed-Token-6a1f0c93be2d47";
    static final String CLIENT_ID = "misbridge-echo";
    static final String SECRET = "echoed-Secret-d81e5b7724";

    private static EchoingServer json;
    private static EchoingServer text;

    private EchoingMisOptions() {
    }

    static synchronized Option[] serve(Path beside) {
        try {
            if (json == null) {
                json = EchoingServer.start(400, Form.JSON);
                text = EchoingServer.start(400, Form.TEXT);
            }
            Path token = Files.writeString(beside.resolveSibling("echo-token"), TOKEN + "\n");
            Path secret = Files.writeString(beside.resolveSibling("echo-client-secret"), SECRET + "\n");
            return new Option[] {
                systemProperty("it.echo.json").value(json.baseUrl().toString()),
                systemProperty("it.echo.text").value(text.baseUrl().toString()),
                systemProperty("it.echo.tokenFile").value(token.toString()),
                systemProperty("it.echo.secretFile").value(secret.toString()),
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
