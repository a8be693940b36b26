package org.misbridge.api.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Something a reader read past without failing, for the school to fix at the source: a file the
 * snapshot does not use that is broken, a user with a role nobody defined. The sync records each as
 * a data issue; it never stops the sync (what would is a read failure or an exception instead).
 *
 * @param kind     a short stable name, e.g. {@code unused-file} or {@code unknown-role}
 * @param source   the file or endpoint, e.g. {@code demographics.csv}
 * @param row      the 1-based row (the header is row 1), or 0 when not row-specific
 * @param column   the column or field, or null
 * @param memberId the record the issue is about (a user's sourcedId), or null
 * @param reason   what is wrong and what was done about it, without the source and row (see {@link #where()})
 */
public record ReadIssue(String kind, String source, long row, @Nullable String column, @Nullable String memberId,
        String reason) {

    public ReadIssue {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reason, "reason");
        if (row < 0) {
            throw new IllegalArgumentException("row is 0 or more, was " + row);
        }
    }

    /** {@code file, row N, column C}: where the issue is, as read errors say it. */
    public String where() {
        StringBuilder where = new StringBuilder(source);
        if (row > 0) {
            where.append(", row ").append(row);
        }
        if (column != null) {
            where.append(", column ").append(column);
        }
        return where.toString();
    }

    /** Where and what: {@code file, row N, column C: reason}. */
    public String describe() {
        return where() + ": " + reason;
    }
}
