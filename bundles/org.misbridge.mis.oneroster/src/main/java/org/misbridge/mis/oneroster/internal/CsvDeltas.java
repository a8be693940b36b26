package org.misbridge.mis.oneroster.internal;

import java.util.Locale;
import org.misbridge.api.UnsafeCharacters;

/**
 * Whether a CSV reader keeps its last read to read only what changed next time
 * ({@code oneroster.csv.deltas}): never, always, or where it pays and the host's budget has room
 * ({@link KeptReads}).
 */
public enum CsvDeltas {
    /** Every read reads every file. */
    OFF,
    /** The last read is always kept. */
    ON,
    /**
     * From a school's second read of a UTC day (a kept read is used only on its own day), the last
     * read is kept when the school has at least {@link #AUTO_FROM_ROWS} user and enrolment rows and
     * the host's budget can hold it; a school whose kept read the budget let go before it was used
     * keeps none for the rest of that day.
     */
    AUTO;

    /** About 7,500 students: below it a whole read is quick, and a host of small schools keeps nothing. */
    static final int AUTO_FROM_ROWS = 50_000;

    /** {@code true}/{@code on}, {@code false}/{@code off} or {@code auto}, in any case. */
    static CsvDeltas of(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true", "on" -> ON;
            case "false", "off" -> OFF;
            case "auto", "" -> AUTO;
            default -> throw new IllegalArgumentException("oneroster.csv.deltas is '" + UnsafeCharacters.escape(value)
                    + "'; expected auto, true or false");
        };
    }
}
