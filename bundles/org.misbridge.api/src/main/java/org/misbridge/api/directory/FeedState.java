package org.misbridge.api.directory;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What an outbox's exporter last did for one school, kept across restarts.
 *
 * @param initialised whether the first full export has been queued
 * @param lastPushAt when a push was last acknowledged
 * @param lastPushCount how many entries that push carried
 * @param lastErrorAt when a push last failed (null once a later push succeeded)
 * @param lastError why it failed, without secrets
 */
public record FeedState(boolean initialised, @Nullable Instant lastPushAt, int lastPushCount,
        @Nullable Instant lastErrorAt, @Nullable String lastError) {

    public static final FeedState NEW = new FeedState(false, null, 0, null, null);

    public FeedState pushed(Instant at, int count) {
        return new FeedState(initialised, at, count, null, null);
    }

    public FeedState failed(Instant at, String error) {
        return new FeedState(initialised, lastPushAt, lastPushCount, at, error);
    }
}
