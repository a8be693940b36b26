package org.misbridge.mis.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How patiently a reader talks to an MIS: timeouts, how many attempts a request gets, the backoff
 * between them, the longest {@code Retry-After} it will honour, and the largest response it reads.
 *
 * @param connectTimeout   time to open a connection
 * @param responseTimeout  time to wait for the next bytes of a response
 * @param maxAttempts      tries per request, the first included (5xx, 429 and I/O errors are retried)
 * @param firstBackoff     pause before the second try; it doubles each time
 * @param maxBackoff       the longest pause between tries
 * @param maxRetryAfter    a 429 or 503 asking for a longer wait than this fails the read instead
 * @param maxResponseBytes a response body larger than this fails the read unread
 */
public record HttpSettings(
        Duration connectTimeout,
        Duration responseTimeout,
        int maxAttempts,
        Duration firstBackoff,
        Duration maxBackoff,
        Duration maxRetryAfter,
        long maxResponseBytes) {

    public static final int DEFAULT_CONNECT_SECONDS = 10;
    public static final int DEFAULT_RESPONSE_SECONDS = 60;
    public static final int DEFAULT_MAX_ATTEMPTS = 4;
    public static final int DEFAULT_MAX_RETRY_AFTER_SECONDS = 300;
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 64L * 1024 * 1024;

    public HttpSettings {
        positive(connectTimeout, "connect timeout");
        positive(responseTimeout, "response timeout");
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (firstBackoff.isNegative() || maxBackoff.isNegative() || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("backoff and Retry-After limits cannot be negative");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt is needed, was " + maxAttempts);
        }
        if (maxResponseBytes < 1) {
            throw new IllegalArgumentException("the response size cap must be at least 1 byte, was " + maxResponseBytes);
        }
    }

    /** 10 s to connect, 60 s per response, 4 attempts 1 s → 30 s apart, Retry-After up to 5 min, 64 MiB per response. */
    public static HttpSettings defaults() {
        return new HttpSettings(Duration.ofSeconds(DEFAULT_CONNECT_SECONDS), Duration.ofSeconds(DEFAULT_RESPONSE_SECONDS),
                DEFAULT_MAX_ATTEMPTS, Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofSeconds(DEFAULT_MAX_RETRY_AFTER_SECONDS), DEFAULT_MAX_RESPONSE_BYTES);
    }

    public HttpSettings withBackoff(Duration first, Duration max) {
        return new HttpSettings(connectTimeout, responseTimeout, maxAttempts, first, max, maxRetryAfter, maxResponseBytes);
    }

    public HttpSettings withTimeouts(Duration connect, Duration response) {
        return new HttpSettings(connect, response, maxAttempts, firstBackoff, maxBackoff, maxRetryAfter, maxResponseBytes);
    }

    public HttpSettings withMaxAttempts(int attempts) {
        return new HttpSettings(connectTimeout, responseTimeout, attempts, firstBackoff, maxBackoff, maxRetryAfter, maxResponseBytes);
    }

    public HttpSettings withMaxResponseBytes(long bytes) {
        return new HttpSettings(connectTimeout, responseTimeout, maxAttempts, firstBackoff, maxBackoff, maxRetryAfter, bytes);
    }

    public HttpSettings withMaxRetryAfter(Duration wait) {
        return new HttpSettings(connectTimeout, responseTimeout, maxAttempts, firstBackoff, maxBackoff, wait, maxResponseBytes);
    }

    /** The pause before attempt {@code attempt + 1}: doubling from {@link #firstBackoff}, capped. */
    Duration backoff(int attempt) {
        Duration pause = firstBackoff;
        for (int i = 1; i < attempt && pause.compareTo(maxBackoff) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(maxBackoff) > 0 ? maxBackoff : pause;
    }

    private static void positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("the " + what + " must be positive, was " + d);
        }
    }
}
