package org.misbridge.api.directory;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Something the import could not take as it was, for the school to fix in its MIS: which member
 * and contact, which field, and why.
 */
public record DataIssue(
        String kind,
        @Nullable String memberId,
        @Nullable String personId,
        @Nullable String field,
        String reason) implements Keyed {

    public DataIssue {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    /** The issue a blocked detail raises, worded the same wherever it is raised. */
    public static DataIssue blockedDetail(String ownerId, DetailKind kind, String value) {
        String field = kind == DetailKind.EMAIL ? "email" : "mobile";
        return new DataIssue("blocked-detail", null, ownerId, field,
                "'" + value + "' is blocked after delivery failures; school:reenable restores it");
    }

    @Override
    public String key() {
        return kind + '\u0000' + memberId + '\u0000' + personId + '\u0000' + field + '\u0000' + reason;
    }
}
