package org.misbridge.oneroster.provider.internal.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The token endpoint's lockout: {@link #FAILURES} failed authentications of one client id within
 * {@link #WINDOW} lock that id for {@link #LOCK}, whatever secret comes next; a success clears its
 * count. Unknown ids are counted like known ones, so the answers do not tell which ids exist. The
 * host's login brake (org.misbridge.security) guards Karaf logins and is private to its bundle;
 * this one keeps the same shape for OAuth clients.
 */
public final class Brake {
    public static final int FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration LOCK = Duration.ofMinutes(15);
    /** Ids remembered at most, against a flood of made-up ids. */
    private static final int MAX_IDS = 10_000;

    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new HashMap<>();
    private final Map<String, Instant> lockedUntil = new HashMap<>();

    public Brake(Clock clock) {
        this.clock = clock;
    }

    /** How long the id stays locked, or zero. */
    public synchronized Duration locked(String clientId) {
        Instant until = lockedUntil.get(clientId);
        Instant now = clock.instant();
        if (until == null || !until.isAfter(now)) {
            lockedUntil.remove(clientId);
            return Duration.ZERO;
        }
        return Duration.between(now, until);
    }

    /** Counts a failure; returns the failures within the window, the lock included when it is reached. */
    public synchronized int failed(String clientId) {
        Instant now = clock.instant();
        if (failures.size() >= MAX_IDS && !failures.containsKey(clientId)) {
            failures.values().removeIf(d -> d.isEmpty() || !d.peekLast().isAfter(now.minus(WINDOW)));
            if (failures.size() >= MAX_IDS) {
                failures.clear(); // a flood: forget rather than grow
            }
        }
        Deque<Instant> times = failures.computeIfAbsent(clientId, k -> new ArrayDeque<>());
        times.addLast(now);
        while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(WINDOW))) {
            times.removeFirst();
        }
        int count = times.size();
        if (count >= FAILURES) {
            lockedUntil.put(clientId, now.plus(LOCK));
            failures.remove(clientId);
        }
        return count;
    }

    public synchronized void succeeded(String clientId) {
        failures.remove(clientId);
    }
}
