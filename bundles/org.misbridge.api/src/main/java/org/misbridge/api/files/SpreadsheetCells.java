package org.misbridge.api.files;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * CSV cells a spreadsheet reads as text, never as a formula (OWASP's CSV Injection advice): a cell
 * that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab, a carriage return or a line
 * feed gets a leading apostrophe, which spreadsheets take as "this is text" and do not show. A
 * plain number ({@code -5.00}, {@code +44}) is left alone: it is a value, not a formula. A cell
 * that already starts with apostrophes before such a character gets one more, so a program can
 * always undo it: strip one apostrophe from a cell matching {@code '+[=+\-@\t\r\n].*}.
 * Quoting (separators, quotes, line breaks inside a cell) is the CSV writer's job, not this one's.
 */
public final class SpreadsheetCells {

    private static final Pattern FORMULA_START = Pattern.compile("'*[=+\\-@\\t\\r\\n].*", Pattern.DOTALL);
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");

    private SpreadsheetCells() {
    }

    /** The cell's text as a spreadsheet should see it; null is an empty cell. */
    public static String text(@Nullable Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        return FORMULA_START.matcher(s).matches() && !PLAIN_NUMBER.matcher(s).matches() ? "'" + s : s;
    }

    /** Each value as {@link #text}: one record's cells. */
    public static Object[] texts(@Nullable Object... values) {
        Object[] out = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = text(values[i]);
        }
        return out;
    }
}
