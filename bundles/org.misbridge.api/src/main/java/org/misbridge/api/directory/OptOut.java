package org.misbridge.api.directory;

import java.util.Objects;

/**
 * An exception the school made: an opted-out student's contacts are never imported, and an
 * opted-out contact keeps no contact details (DOMAIN.md rule 6). Opting in restores them at the
 * next import.
 */
public record OptOut(Kind kind, String id) implements Keyed {

    /** Who is opted out. */
    public enum Kind {
        STUDENT,
        CONTACT
    }

    public OptOut {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    @Override
    public String key() {
        return kind + "\u0000" + id;
    }
}
