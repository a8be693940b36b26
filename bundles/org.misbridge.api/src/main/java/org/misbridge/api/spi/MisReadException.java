package org.misbridge.api.spi;

import org.jspecify.annotations.Nullable;

/**
 * A read that cannot be trusted, with where it went wrong: the file (or endpoint), the 1-based row
 * and the column where these are known.
 */
public class MisReadException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final long row;
    private final @Nullable String column;

    public MisReadException(String source, long row, @Nullable String column, String message, @Nullable Throwable cause) {
        super(describe(source, row, column, message), cause);
        this.source = source;
        this.row = row;
        this.column = column;
    }

    public MisReadException(String source, String message) {
        this(source, 0, null, message, null);
    }

    /** The file name or endpoint that failed. */
    public String source() {
        return source;
    }

    /** The 1-based row in the source (the header is row 1), or 0 when not row-specific. */
    public long row() {
        return row;
    }

    public @Nullable String column() {
        return column;
    }

    private static String describe(String source, long row, @Nullable String column, String message) {
        StringBuilder where = new StringBuilder(source);
        if (row > 0) {
            where.append(", row ").append(row);
        }
        if (column != null) {
            where.append(", column ").append(column);
        }
        return where.append(": ").append(message).toString();
    }
}
