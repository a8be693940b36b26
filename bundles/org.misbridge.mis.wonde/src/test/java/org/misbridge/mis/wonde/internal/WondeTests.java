package org.misbridge.mis.wonde.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.misbridge.api.model.EmailLocation;
import org.misbridge.mis.http.Credentials;
import org.misbridge.mis.http.HttpSettings;
import org.misbridge.mis.http.MisHttpClient;
import org.misbridge.testkit.Configs;
import org.misbridge.testkit.FakeWonde;

/** Readers wired to a {@link FakeWonde}, with pauses recorded instead of slept, and configurations from maps. */
final class WondeTests {

    static final String TOKEN = "wonde-test-token-7e76896f9aca";

    private WondeTests() {
    }

    /** A clock that runs with real time (the fake stamps changes with it) and can be moved on. */
    static final class MovableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void advance(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    /** A reader of the fake's school with quick retries; its pauses land in {@code pauses}. */
    static final class Wired implements AutoCloseable {
        final List<Duration> pauses = new CopyOnWriteArrayList<>();
        final MisHttpClient http;
        final WondeReader reader;

        Wired(FakeWonde fake, String token, int perPage, boolean deltas, Clock clock, HttpSettings settings) {
            this(fake.baseUrl(), fake.school().wondeId(), token, perPage, deltas, clock, settings);
        }

        /** A reader of {@code wondeId} at {@code baseUrl}, which may be a proxy in front of the fake. */
        Wired(java.net.URI baseUrl, String wondeId, String token, int perPage, boolean deltas, Clock clock,
                HttpSettings settings) {
            this.http = new MisHttpClient("test", settings, pauses::add);
            WondeSettings wonde = new WondeSettings("school-a", baseUrl, wondeId, perPage, deltas,
                    Duration.ofHours(24), EmailLocation.OTHER);
            this.reader = new WondeReader(wonde, http, Credentials.bearer(token), clock, Duration.ZERO);
        }

        @Override
        public void close() {
            http.close();
        }
    }

    static HttpSettings quick() {
        return HttpSettings.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(20))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    static Wired reader(FakeWonde fake, int perPage) {
        return new Wired(fake, TOKEN, perPage, false, Clock.systemUTC(), quick());
    }

    /** A configuration with these properties (by their config names) and the defaults for the rest. */
    static WondeConfiguration config(Map<String, Object> properties) {
        return Configs.of(WondeConfiguration.class, properties);
    }
}
