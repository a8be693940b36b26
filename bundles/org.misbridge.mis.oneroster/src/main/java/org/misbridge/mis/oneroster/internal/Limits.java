package org.misbridge.mis.oneroster.internal;

/**
 * What a OneRoster zip may hold before it is refused unread: entry count, total uncompressed
 * bytes and the per-entry compression ratio (a zip bomb has a huge one).
 */
public record Limits(int maxEntries, long maxTotalBytes, int maxRatio) {

    public static final int DEFAULT_MAX_ENTRIES = 64;
    public static final long DEFAULT_MAX_TOTAL_BYTES = 512L * 1024 * 1024;
    public static final int DEFAULT_MAX_RATIO = 100;

    public Limits {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("oneroster.zip.maxEntries must be at least 1, was " + maxEntries);
        }
        if (maxTotalBytes < 1) {
            throw new IllegalArgumentException("oneroster.zip.maxTotalBytes must be at least 1, was " + maxTotalBytes);
        }
        if (maxRatio < 1) {
            throw new IllegalArgumentException("oneroster.zip.maxRatio must be at least 1, was " + maxRatio);
        }
    }

    /** 64 entries, 512 MiB in all, a compression ratio of at most 100. */
    public static Limits defaults() {
        return new Limits(DEFAULT_MAX_ENTRIES, DEFAULT_MAX_TOTAL_BYTES, DEFAULT_MAX_RATIO);
    }
}
