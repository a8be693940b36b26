package org.misbridge.mis.oneroster.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.spi.MisReadException;

/**
 * One OneRoster record by its CSV column names, whether it came from a CSV row or a REST JSON
 * object, with typed access that names the source, record and field when a value is wrong.
 */
interface Fields {

    // UK MIS exports write day before month (1/9/2024 is 1 September), so d/M/yyyy is read that way.
    DateTimeFormatter UK_DATE = DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT);

    /** The 1-based row of a CSV file (the header is row 1), or the record's position in a REST collection. */
    long number();

    /** The trimmed value, or null when the field is absent or blank. */
    @Nullable String get(String column);

    MisReadException fail(@Nullable String column, String message, @Nullable Throwable cause);

    default String getOrEmpty(String column) {
        String value = get(column);
        return value == null ? "" : value;
    }

    default String required(String column) throws MisReadException {
        String value = get(column);
        if (value == null) {
            throw fail(column, "a value is required", null);
        }
        return value;
    }

    default boolean deleted() {
        return "tobedeleted".equalsIgnoreCase(getOrEmpty("status"));
    }

    /** The comma-separated values of a list field such as {@code agentSourcedIds}; empty when blank. */
    default List<String> list(String column) {
        String value = get(column);
        if (value == null) {
            return Collections.emptyList();
        }
        if (value.indexOf(',') < 0) {
            return Collections.singletonList(value); // the usual case: one org, one grade; get() has stripped it
        }
        // split by hand: String.split allocates a list and an array per call, and most lists are kept
        List<String> values = new ArrayList<>(4);
        int start = 0;
        while (start <= value.length()) {
            int comma = value.indexOf(',', start);
            int end = comma < 0 ? value.length() : comma;
            String p = value.substring(start, end).strip();
            if (!p.isEmpty()) {
                values.add(p);
            }
            start = end + 1;
        }
        return switch (values.size()) {
            case 0 -> Collections.emptyList();
            case 1 -> Collections.singletonList(values.get(0));
            default -> Collections.unmodifiableList(Arrays.asList(values.toArray(new String[0])));
        };
    }

    /** A date as {@code YYYY-MM-DD}, an ISO date-time (its date part) or a UK {@code d/M/yyyy}. */
    default @Nullable LocalDate date(String column) throws MisReadException {
        String value = get(column);
        if (value == null) {
            return null;
        }
        try {
            LocalDate iso = isoDate(value);
            if (iso != null) {
                return iso;
            }
            if (value.indexOf('T') > 0) {
                try {
                    return OffsetDateTime.parse(value).toLocalDate();
                } catch (DateTimeParseException noZone) {
                    return LocalDateTime.parse(value).toLocalDate();
                }
            }
            if (value.indexOf('/') > 0) {
                return LocalDate.parse(value, UK_DATE);
            }
        } catch (DateTimeException e) {
            throw fail(column, MisReadException.quote(value) + " is not a date (use YYYY-MM-DD)", e);
        }
        throw fail(column, MisReadException.quote(value) + " is not a date (use YYYY-MM-DD)", null);
    }

    /**
     * {@code value} read as {@code YYYY-MM-DD} by hand, or null when it does not have that shape;
     * throws when it has the shape but is no date (2024-02-30). Same as matching
     * {@code \d{4}-\d{2}-\d{2}} and {@code LocalDate.parse}, without a regex and a formatter per date.
     */
    private static @Nullable LocalDate isoDate(String value) {
        if (value.length() != 10 || value.charAt(4) != '-' || value.charAt(7) != '-') {
            return null;
        }
        int year = digits(value, 0, 4);
        int month = digits(value, 5, 7);
        int day = digits(value, 8, 10);
        if (year < 0 || month < 0 || day < 0) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    /** The ASCII digits from {@code from} to {@code to} as a number, or -1 if any is not one. */
    private static int digits(String value, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** TRUE/true/1/yes or FALSE/false/0/no; {@code blank} when empty. */
    default boolean bool(String column, boolean blank) throws MisReadException {
        String value = get(column);
        if (value == null) {
            return blank;
        }
        if (value.equals("true") || value.equals("TRUE")) { // as exports write it: no lower-case copy per user
            return true;
        }
        if (value.equals("false") || value.equals("FALSE")) {
            return false;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes":
                return true;
            case "false", "0", "no":
                return false;
            default:
                throw fail(column, MisReadException.quote(value) + " is not a boolean (use true or false)", null);
        }
    }
}
