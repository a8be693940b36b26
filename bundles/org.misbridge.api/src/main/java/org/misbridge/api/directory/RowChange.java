package org.misbridge.api.directory;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The latest change of one directory row, as the {@link org.misbridge.api.ChangeLog} keeps it.
 *
 * @param id         the row's id (see {@link RowKind} for what it names)
 * @param otherId    the second part of a two-part key ({@link RowKind#MEMBERSHIP}, {@link RowKind#LINK}),
 *                   else empty
 * @param changedAt  when the change was written: strictly later than any earlier change of the school
 * @param deleted    whether the change removed the row (a tombstone, kept for the log's retention)
 * @param memberKind for a {@link RowKind#MEMBER}, the member's kind as it was (so a tombstone says whether a
 *                   student or staff member went); else null
 */
public record RowChange(RowKind kind, String id, String otherId, Instant changedAt, boolean deleted,
        @Nullable MemberKind memberKind) {

    public RowChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(otherId, "otherId");
        Objects.requireNonNull(changedAt, "changedAt");
    }
}
