package org.misbridge.oneroster.provider.internal.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Each client's data requests, as a token bucket: it holds a minute's allowance
 * ({@link RosterClient#requestsPerMinute()}) and refills evenly, so a consumer may burst up to its
 * minute's worth and then goes at its steady rate.
 */
public final class RateLimit {
    private final Clock clock;
    private final Map<String, double[]> buckets = new HashMap<>(); // per client: {tokens left, clock millis of the last refill}

    public RateLimit(Clock clock) {
        this.clock = clock;
    }

    /** Zero if the request may go, else how long until it may. */
    public synchronized Duration take(RosterClient client) {
        double capacity = client.requestsPerMinute();
        double perMilli = capacity / 60_000.0;
        long now = clock.millis();
        double[] bucket = buckets.computeIfAbsent(client.id(), k -> new double[] {capacity, now});
        bucket[0] = Math.min(capacity, bucket[0] + (now - bucket[1]) * perMilli);
        bucket[1] = now;
        if (bucket[0] >= 1) {
            bucket[0] -= 1;
            return Duration.ZERO;
        }
        return Duration.ofMillis((long) Math.ceil((1 - bucket[0]) / perMilli));
    }
}
