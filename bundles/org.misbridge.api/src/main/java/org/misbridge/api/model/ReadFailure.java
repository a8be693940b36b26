package org.misbridge.api.model;

import java.util.Objects;

/** One area the reader could not read, and why; the area's list in the snapshot is then not to be trusted. */
public record ReadFailure(Area area, String reason) {
    public ReadFailure {
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(reason, "reason");
    }
}
