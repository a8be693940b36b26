package org.misbridge.itests;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.misbridge.testkit.FakeOneRosterApi;
import org.ops4j.pax.exam.Option;

/**
 * Starts a OneRoster REST API in the driver JVM, before Karaf boots, serving a generated school's
 * CSV records as paged JSON behind a client-credentials token; the container reaches it over
 * 127.0.0.1 and reads the client secret from a file, as an operator would configure it.
 */
final class OneRosterApiOptions {

    static final String CLIENT_ID = "misbridge-itest";
    static final String SECRET = "itest-Secret-4f1c9e-never-shown";

    /** One API per school folder: the itests of a run share this JVM, each with its own school. */
    private static final java.util.Map<Path, FakeOneRosterApi> RUNNING = new java.util.HashMap<>();

    private OneRosterApiOptions() {
    }

    static synchronized Option[] serve(String schoolFolder) {
        try {
            FakeOneRosterApi running = RUNNING.get(Path.of(schoolFolder));
            if (running == null) {
                running = FakeOneRosterApi.start(Path.of(schoolFolder), false, CLIENT_ID, SECRET);
                RUNNING.put(Path.of(schoolFolder), running);
            }
            // one file per school: test classes that run at the same time (two forks) never share one
            Path secretFile = Path.of(schoolFolder).resolveSibling(Path.of(schoolFolder).getFileName() + "-client-secret");
            Files.writeString(secretFile, SECRET + "\n");
            return new Option[] {
                systemProperty("it.rest.baseUrl").value(running.baseUrl().toString()),
                systemProperty("it.rest.tokenUrl").value(running.tokenUrl().toString()),
                systemProperty("it.rest.controlUrl").value(running.controlUrl().toString()),
                systemProperty("it.rest.secretFile").value(secretFile.toString()),
                systemProperty("it.rest.secret").value(SECRET),
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
