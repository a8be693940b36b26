package org.misbridge.api.directory;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The record of one sync of one school: when, how it ended, what it changed, and why if it failed. */
public record SyncRun(
        Instant startedAt,
        Instant finishedAt,
        SyncOutcome outcome,
        int created,
        int updated,
        int removed,
        @Nullable String message) {

    public SyncRun {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(outcome, "outcome");
    }
}
