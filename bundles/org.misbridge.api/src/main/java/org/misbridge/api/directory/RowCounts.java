package org.misbridge.api.directory;

/**
 * What one sync cost in rows: how many records the MIS read gave, how many stored rows or family
 * digests the plan compared with what the read wants, how many rows it loaded from the store, and
 * how many it wrote (created, updated and removed).
 */
public record RowCounts(long read, long compared, long loaded, long written) {
}
