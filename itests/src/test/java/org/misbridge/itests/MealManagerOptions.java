package org.misbridge.itests;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.misbridge.testkit.FakeMealManager;
import org.ops4j.pax.exam.Option;

/**
 * Starts a fake meal manager in the driver JVM, before Karaf boots, and hands its endpoint to the
 * container; it lives as long as the test run, and the container reaches it over 127.0.0.1.
 */
final class MealManagerOptions {

    private static FakeMealManager running;

    private MealManagerOptions() {
    }

    static synchronized Option endpoint() {
        try {
            if (running == null) {
                running = FakeMealManager.start();
            }
            return systemProperty("it.meals.endpoint").value(running.endpoint().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
