package org.misbridge.meals.internal;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Decryptor;

/**
 * What a {@link MealsExporter} takes besides its configuration, the directory and the sync: one record
 * instead of a constructor per optional part.
 *
 * @param properties the configuration's properties (its file or PID, checked against its school; its
 *        {@code ENC(…)} credentials); empty outside OSGi
 * @param clock the time retries are planned by
 * @param pusher the scheduler the pusher runs on, so that a test can run an hour of retries in
 *        simulated time; null makes the exporter's own single-threaded scheduler
 * @param decryptors the registered encryptors by alias, for {@code ENC(…)} credentials
 */
public record ExporterSettings(Map<String, Object> properties, Clock clock, @Nullable ScheduledExecutorService pusher,
        Map<String, Decryptor> decryptors) {

    public ExporterSettings {
        properties = Map.copyOf(properties);
        decryptors = Map.copyOf(decryptors);
    }

    /** No properties, the system clock, the exporter's own pusher and no encryptors: an exporter outside OSGi. */
    public static ExporterSettings defaults() {
        return new ExporterSettings(Map.of(), Clock.systemUTC(), null, Map.of());
    }

    public ExporterSettings withProperties(Map<String, Object> values) {
        return new ExporterSettings(values, clock, pusher, decryptors);
    }

    public ExporterSettings withTime(Clock time, @Nullable ScheduledExecutorService scheduler) {
        return new ExporterSettings(properties, time, scheduler, decryptors);
    }

    public ExporterSettings withDecryptors(Map<String, Decryptor> byAlias) {
        return new ExporterSettings(properties, clock, pusher, byAlias);
    }
}
