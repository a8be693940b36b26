package org.misbridge.api.spi;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.UnsafeCharacters;

/**
 * A read that cannot be trusted, with where it went wrong: the file (or endpoint), the 1-based row
 * and the column where these are known. A message shows a value from the source only through
 * {@link #quote}, and never holds a raw control character: it ends up in logs, run records and consoles.
 */
public class MisReadException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final long row;
    private final @Nullable String column;
    private final String reason;

    public MisReadException(String source, long row, @Nullable String column, String message, @Nullable Throwable cause) {
        super(describe(source, row, column, message), cause);
        this.source = source;
        this.row = row;
        this.column = column;
        StringBuilder bare = new StringBuilder(message.length());
        escape(message, 0, message.length(), bare);
        this.reason = bare.toString();
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

    /** What is wrong, without the source, row and column that the message starts with. */
    public String reason() {
        return reason;
    }

    /** The longest part of a source value a message shows. */
    public static final int SHOWN_CHARS = 60;

    /**
     * A value from the source as an error shows it: in single quotes, cut to {@link #SHOWN_CHARS}
     * characters (saying how long it was), control and text-direction characters escaped, so that a
     * file's content beyond the cell named never reaches a message and nothing in it can rewrite a
     * terminal line.
     */
    public static String quote(@Nullable CharSequence value) {
        return value == null ? "(none)" : "'" + shown(value, SHOWN_CHARS) + "'";
    }

    /** {@code value} cut to {@code max} characters (with "…" and its length when longer) and escaped. */
    public static String shown(CharSequence value, int max) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), max) + 16);
        int end = Math.min(value.length(), max);
        if (end < value.length() && end > 0 && Character.isHighSurrogate(value.charAt(end - 1))) {
            end--; // never half a character
        }
        escape(value, 0, end, out);
        if (end < value.length()) {
            out.append("… (").append(value.length()).append(" characters)");
        }
        return out.toString();
    }

    /** What {@link UnsafeCharacters} calls unsafe, escaped: C0 and C1 controls as hex bytes, the rest as Java escapes. */
    private static void escape(CharSequence value, int from, int to, StringBuilder out) {
        value.subSequence(from, to).codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                        out.append(String.format(Locale.ROOT, "\\x%02X", c));
                    } else if (UnsafeCharacters.isUnsafe(c)) {
                        out.append(String.format(Locale.ROOT, "\\u%04X", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
    }

    private static String describe(String source, long row, @Nullable String column, String message) {
        StringBuilder where = new StringBuilder();
        escape(source, 0, source.length(), where);
        if (row > 0) {
            where.append(", row ").append(row);
        }
        if (column != null) {
            where.append(", column ");
            escape(column, 0, column.length(), where);
        }
        where.append(": ");
        escape(message, 0, message.length(), where);
        return where.toString();
    }
}
