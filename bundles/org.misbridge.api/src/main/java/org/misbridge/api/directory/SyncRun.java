package org.misbridge.api.directory;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The record of one sync of one school: when, how it ended, what it changed, and why if it failed;
 * with several hosts, which host ran it and which scheduled firing it was.
 *
 * @param host the node id of the host that ran the sync (etc/org.misbridge.sync.scheduler.cfg
 *        {@code nodeId}); null for runs recorded before hosts were named
 * @param scheduledFor the time the schedule fired this sync for; null for a sync typed or asked for
 *        by a program
 * @param rows what the sync read, compared, loaded and wrote; null for a run that did not get that far,
 *        or one recorded before runs counted them
 */
public record SyncRun(
        Instant startedAt,
        Instant finishedAt,
        SyncOutcome outcome,
        int created,
        int updated,
        int removed,
        @Nullable String message,
        @Nullable String host,
        @Nullable Instant scheduledFor,
        @Nullable RowCounts rows) {

    public SyncRun {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** A run without row counts. */
    public SyncRun(Instant startedAt, Instant finishedAt, SyncOutcome outcome, int created, int updated, int removed,
            @Nullable String message, @Nullable String host, @Nullable Instant scheduledFor) {
        this(startedAt, finishedAt, outcome, created, updated, removed, message, host, scheduledFor, null);
    }

    /** The same run with its row counts. */
    public SyncRun withRows(@Nullable RowCounts counts) {
        return new SyncRun(startedAt, finishedAt, outcome, created, updated, removed, message, host, scheduledFor, counts);
    }

    /** A run not tied to a host or a scheduled firing. */
    public SyncRun(Instant startedAt, Instant finishedAt, SyncOutcome outcome, int created, int updated, int removed,
            @Nullable String message) {
        this(startedAt, finishedAt, outcome, created, updated, removed, message, null, null);
    }
}
