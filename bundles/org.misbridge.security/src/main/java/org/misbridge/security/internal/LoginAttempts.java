package org.misbridge.security.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The ledger of failed password logins: per user at a source address, and per source address for
 * any user. Too many failures within the window lock that pair (or that whole source) out for a
 * while; a locked-out login is refused before its password is looked at. Kept in memory: a restart
 * forgets it. Bounded, so a flood of invented user names cannot fill the heap.
 */
public final class LoginAttempts {

    /** How many failures lock what out, and for how long. */
    record Settings(int maxFailures, int maxSourceFailures, Duration window, Duration lockout, int maxTracked) {
        Settings {
            if (maxFailures < 1 || maxSourceFailures < 1 || maxTracked < 1) {
                throw new IllegalArgumentException("maxFailures, maxSourceFailures and maxTracked must be at least 1");
            }
            if (window.isNegative() || window.isZero() || lockout.isNegative() || lockout.isZero()) {
                throw new IllegalArgumentException("the window and the lockout must be longer than zero");
            }
        }
    }

    /**
     * A lockout in force.
     *
     * @param user the user locked out at the source, or null when the whole source is
     * @param failures the failed logins that led to it
     * @param refused the logins refused since it began
     */
    public record Lockout(@Nullable String user, String source, Instant since, Instant until, int failures, int refused) {
    }

    /** Failures counted towards a lockout that has not come (yet). */
    public record Failures(@Nullable String user, String source, int count, Instant first, Instant last) {
    }

    /** What one more failure came to: the count for the pair, and the lockout it began, if any. */
    record Failure(int count, int max, Optional<Lockout> lockout) {
    }

    private record Key(@Nullable String user, String source) {
    }

    private static final class Tally {
        int failures;
        @Nullable Instant first;
        @Nullable Instant last;
        @Nullable Instant lockedSince;
        @Nullable Instant lockedUntil;
        int lockedFailures;
        int refused;
    }

    private final Settings settings;
    private final Clock clock;
    private final Map<Key, Tally> tallies = new LinkedHashMap<>();

    LoginAttempts(Settings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    Settings settings() {
        return settings;
    }

    /** The lockout that refuses this user at this source now: the pair's, or the whole source's. */
    synchronized Optional<Lockout> lockout(String user, String source) {
        Instant now = clock.instant();
        for (Key key : List.of(new Key(user, source), new Key(null, source))) {
            Tally t = tallies.get(key);
            if (t != null && locked(t, now)) {
                return Optional.of(lockout(key, t));
            }
        }
        return Optional.empty();
    }

    /** Counts a login refused by a lockout, on the lockout that refused it. */
    synchronized void refused(String user, String source) {
        Instant now = clock.instant();
        for (Key key : List.of(new Key(user, source), new Key(null, source))) {
            Tally t = tallies.get(key);
            if (t != null && locked(t, now)) {
                t.refused++;
                return;
            }
        }
    }

    /** Counts a failed password login of the user at the source. */
    synchronized Failure failed(String user, String source) {
        Instant now = clock.instant();
        Optional<Lockout> pair = count(new Key(user, source), settings.maxFailures(), now);
        Tally tally = tallies.get(new Key(user, source));
        int count = pair.isPresent() ? settings.maxFailures() : tally == null ? 0 : tally.failures;
        Optional<Lockout> wholeSource = count(new Key(null, source), settings.maxSourceFailures(), now);
        return new Failure(count, settings.maxFailures(), pair.or(() -> wholeSource));
    }

    /** A good login of the user at the source: its failures no longer count (the source's do, for other users). */
    synchronized void succeeded(String user, String source) {
        Tally t = tallies.get(new Key(user, source));
        if (t != null && !locked(t, clock.instant())) {
            tallies.remove(new Key(user, source));
        }
    }

    /** Lockouts in force, the longest-running first. */
    synchronized List<Lockout> lockouts() {
        Instant now = clock.instant();
        List<Lockout> out = new ArrayList<>();
        tallies.forEach((key, t) -> {
            if (locked(t, now)) {
                out.add(lockout(key, t));
            }
        });
        out.sort(Comparator.comparing(Lockout::since));
        return out;
    }

    /** Failures within the window that have not locked anything out. */
    synchronized List<Failures> failures() {
        Instant now = clock.instant();
        List<Failures> out = new ArrayList<>();
        tallies.forEach((key, t) -> {
            if (!locked(t, now) && t.failures > 0 && t.first != null && t.last != null && inWindow(t, now)) {
                out.add(new Failures(key.user(), key.source(), t.failures, t.first, t.last));
            }
        });
        out.sort(Comparator.comparing(Failures::last).reversed());
        return out;
    }

    /**
     * Lifts lockouts and forgets failures: of the user (at one source, or at all when {@code source} is
     * null), or of the whole source when {@code user} is null.
     *
     * @return how many lockouts were lifted
     */
    synchronized int unlock(@Nullable String user, @Nullable String source) {
        Instant now = clock.instant();
        int lifted = 0;
        for (Iterator<Map.Entry<Key, Tally>> it = tallies.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Key, Tally> e = it.next();
            Key key = e.getKey();
            boolean match = user != null
                    ? user.equals(key.user()) && (source == null || source.equals(key.source()))
                    : key.user() == null && Objects.equals(source, key.source());
            if (match) {
                lifted += locked(e.getValue(), now) ? 1 : 0;
                it.remove();
            }
        }
        return lifted;
    }

    private Optional<Lockout> count(Key key, int max, Instant now) {
        Tally t = tallies.get(key);
        if (t == null) {
            makeRoom(now);
            t = new Tally();
            tallies.put(key, t);
        }
        if (locked(t, now)) {
            return Optional.empty();
        }
        if (t.first == null || !inWindow(t, now)) {
            t.failures = 0;
            t.first = now;
        }
        t.failures++;
        t.last = now;
        if (t.failures < max) {
            return Optional.empty();
        }
        t.lockedSince = now;
        t.lockedUntil = now.plus(settings.lockout());
        t.lockedFailures = t.failures;
        t.refused = 0;
        t.failures = 0;
        t.first = null;
        return Optional.of(lockout(key, t));
    }

    private boolean locked(Tally t, Instant now) {
        return t.lockedUntil != null && now.isBefore(t.lockedUntil);
    }

    private boolean inWindow(Tally t, Instant now) {
        return t.first != null && now.isBefore(t.first.plus(settings.window()));
    }

    /**
     * Drops what no longer counts, then the oldest failures that locked nothing, and only then the
     * oldest lockouts, until there is room for one more: a flood of new names does not lift a lockout
     * while anything else can go.
     */
    private void makeRoom(Instant now) {
        if (tallies.size() < settings.maxTracked()) {
            return;
        }
        tallies.values().removeIf(t -> !locked(t, now) && !inWindow(t, now));
        removeOldest(t -> !locked(t, now));
        removeOldest(t -> true);
    }

    private void removeOldest(Predicate<Tally> which) {
        for (Iterator<Tally> it = tallies.values().iterator(); tallies.size() >= settings.maxTracked() && it.hasNext();) {
            if (which.test(it.next())) {
                it.remove();
            }
        }
    }

    private static Lockout lockout(Key key, Tally t) {
        return new Lockout(key.user(), key.source(), Objects.requireNonNull(t.lockedSince), Objects.requireNonNull(t.lockedUntil),
                t.lockedFailures, t.refused);
    }
}
