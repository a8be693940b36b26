package org.misbridge.api.directory;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where one school's change log stands.
 *
 * @param began         when the log began for the school (its first change, or the store's upgrade to
 *                      a version with the log): every row unchanged since carries this time; null when
 *                      nothing of the school has been written yet
 * @param completeSince from when the log holds every change, tombstones included (later than
 *                      {@code began} once old tombstones were purged; a delta may start no earlier, nor
 *                      further back than the {@link org.misbridge.api.ChangeLog#retention()}); null with
 *                      {@code began}
 * @param version       a number that grows with every change written, so a reader can tell cheaply
 *                      that what it loaded is out of date
 */
public record ChangeLogState(String schoolId, @Nullable Instant began, @Nullable Instant completeSince,
        long version) {

    public ChangeLogState {
        Objects.requireNonNull(schoolId, "schoolId");
    }

    /** A school nothing has been written for. */
    public static ChangeLogState empty(String schoolId) {
        return new ChangeLogState(schoolId, null, null, 0);
    }
}
