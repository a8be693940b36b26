package org.misbridge.api.directory;

import java.util.Objects;

/**
 * An email or mobile belonging to a linked person or to a staff member ({@code ownerId} is the
 * person's or member's id). A blocked detail is kept and flagged, never silently unblocked.
 */
public record ContactDetail(String ownerId, DetailKind kind, String value, boolean blocked, Origin origin)
        implements Keyed {

    public ContactDetail {
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(origin, "origin");
    }

    @Override
    public String key() {
        return ownerId + '\u0000' + kind + '\u0000' + value;
    }
}
