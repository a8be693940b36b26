package org.misbridge.oneroster.provider.internal.auth;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Each client's data requests today (UTC) and its last one, in memory: what {@code school:status}
 * and {@code school:oneroster-clients list} show. A restart starts the counts again.
 */
public final class Usage {
    private final Clock clock;
    private final Map<String, Count> counts = new HashMap<>();

    /** A client's use: its requests today (UTC), and its last one. */
    public record Use(long requestsToday, @Nullable Instant lastUse) {
    }

    private static final class Count {
        LocalDate day;
        long requests;
        Instant last;

        Count(LocalDate day, Instant last) {
            this.day = day;
            this.last = last;
        }
    }

    public Usage(Clock clock) {
        this.clock = clock;
    }

    /** Counts one data request of the client. */
    public synchronized void record(String clientId) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Count count = counts.computeIfAbsent(clientId, k -> new Count(today, now));
        if (!count.day.equals(today)) {
            count.day = today;
            count.requests = 0;
        }
        count.requests++;
        count.last = now;
    }

    /** The client's use; zero requests and no last use when it has made none. */
    public synchronized Use of(String clientId) {
        Count count = counts.get(clientId);
        if (count == null) {
            return new Use(0, null);
        }
        boolean today = count.day.equals(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        return new Use(today ? count.requests : 0, count.last);
    }
}
