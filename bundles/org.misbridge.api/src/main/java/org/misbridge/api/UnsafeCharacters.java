package org.misbridge.api;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Characters that must never reach a terminal, a log line or the directory raw from an MIS value:
 * control characters (NUL, newlines, tabs, escape, the C1 controls), the line and paragraph
 * separators, the bidirectional controls that reorder what a reader sees (U+202E, the right-to-left
 * override, and its kin: the "Trojan Source" set), and unpaired surrogates. Commands print values
 * through {@link #escape}; import takes such characters out and raises a data issue.
 */
public final class UnsafeCharacters {

    private UnsafeCharacters() {
    }

    /** Whether the code point is one of those characters. */
    public static boolean isUnsafe(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE || isBidiControl(codePoint);
    }

    /** The bidirectional marks, embeddings, overrides and isolates (U+061C, U+200E/F, U+202A-E, U+2066-9). */
    public static boolean isBidiControl(int codePoint) {
        return codePoint == 0x061C || codePoint == 0x200E || codePoint == 0x200F
                || (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069);
    }

    /** The first unsafe code point of the text, or -1. */
    public static int firstUnsafe(String text) {
        // a loop, not a stream: a sync checks every text of every pupil, and most of it is ASCII
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c < 0x80) {
                // in ASCII only the C0 controls and DEL are unsafe: the other kinds all lie above it
                if (c < 0x20 || c == 0x7F) {
                    return c;
                }
                i++;
            } else {
                int codePoint = text.codePointAt(i); // an unpaired surrogate comes back as itself
                if (isUnsafe(codePoint)) {
                    return codePoint;
                }
                i += Character.charCount(codePoint);
            }
        }
        return -1;
    }

    /** A code point as the Unicode standard names it, e.g. {@code U+202E}. */
    public static String describe(int codePoint) {
        return String.format(Locale.ROOT, "U+%04X", codePoint);
    }

    /** Table cells for printing: each text cell through {@link #escape}, anything else (numbers, dates, null) as it is. */
    public static @Nullable Object[] printable(@Nullable Object... cells) {
        Object[] out = new Object[cells.length];
        for (int i = 0; i < cells.length; i++) {
            out[i] = cells[i] instanceof CharSequence text ? escape(text.toString()) : cells[i];
        }
        return out;
    }

    /**
     * The text for printing: each unsafe character as an escape ({@code \n}, {@code \r}, {@code \t},
     * or {@code \}{@code u202E}), everything else as it is; null prints as nothing.
     */
    public static String escape(@Nullable String text) {
        if (text == null) {
            return "";
        }
        if (firstUnsafe(text) < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            if (!isUnsafe(c)) {
                out.appendCodePoint(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else {
                out.append(String.format(Locale.ROOT, "\\u%04X", c));
            }
        });
        return out.toString();
    }
}
