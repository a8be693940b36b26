package org.misbridge.api.directory;

import java.time.Instant;

/** An outbox entry not yet acknowledged, with the sequence number that orders it within its school. */
public record PendingEntry(long seq, OutboxEntry entry, Instant recordedAt) {
}
