package org.misbridge.api.directory;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a sync's transaction does to the stored family digests: replace them all, change some, or
 * mark them out of step with the rows (the next sync then loads the whole directory and digests it
 * again).
 *
 * @param valid whether the digests, after this update, match the rows; false drops them all
 * @param replaceAll whether {@code digests} are all the school has (the old ones go)
 * @param digests member id to its family's new digest
 * @param dropped members whose digest goes (removed members)
 * @param syncToken the token of the snapshot the rows now follow, kept with the digests so that a
 *        host holding that snapshot can re-plan only what the next one changed; null for none
 */
public record DigestUpdate(boolean valid, boolean replaceAll, Map<String, String> digests, Set<String> dropped,
        @Nullable String syncToken) {

    public DigestUpdate {
        Objects.requireNonNull(digests, "digests");
        digests = Map.copyOf(digests);
        dropped = Set.copyOf(dropped);
    }

    public DigestUpdate(boolean valid, boolean replaceAll, Map<String, String> digests, Set<String> dropped) {
        this(valid, replaceAll, digests, dropped, null);
    }

    /** This update, recording that the rows follow the snapshot with {@code token}. */
    public DigestUpdate withSyncToken(@Nullable String token) {
        return new DigestUpdate(valid, replaceAll, digests, dropped, valid ? token : null);
    }

    /** The stored digests no longer match the rows: drop them. */
    public static DigestUpdate invalidate() {
        return new DigestUpdate(false, true, Map.of(), Set.of());
    }

    public static DigestUpdate replaceAll(Map<String, String> digests) {
        return new DigestUpdate(true, true, digests, Set.of());
    }

    public static DigestUpdate change(Map<String, String> digests, Set<String> dropped) {
        return new DigestUpdate(true, false, digests, dropped);
    }
}
