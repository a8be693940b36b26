package org.misbridge.api.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A custom group taken out of the directory at year end, kept with its members for the record.
 * Before it is archived (a preview) {@code archivedAt} and {@code archivedBy} are null.
 */
public record ArchivedGroup(String id, String name, Instant createdAt, @Nullable Instant archivedAt,
        @Nullable String archivedBy, List<String> memberIds) {

    public ArchivedGroup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        memberIds = List.copyOf(memberIds);
    }
}
