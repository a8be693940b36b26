package org.misbridge.mis.oneroster.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.spi.MisReadException;

/**
 * One OneRoster record by its CSV column names, whether it came from a CSV row or a REST JSON
 * object, with typed access that names the source, record and field when a value is wrong.
 */
interface Fields {

    Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
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
        List<String> values = new ArrayList<>();
        if (value != null) {
            for (String part : value.split(",")) {
                String p = part.strip();
                if (!p.isEmpty()) {
                    values.add(p);
                }
            }
        }
        return values;
    }

    /** A date as {@code YYYY-MM-DD}, an ISO date-time (its date part) or a UK {@code d/M/yyyy}. */
    default @Nullable LocalDate date(String column) throws MisReadException {
        String value = get(column);
        if (value == null) {
            return null;
        }
        try {
            if (ISO_DATE.matcher(value).matches()) {
                return LocalDate.parse(value);
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
            throw fail(column, "'" + value + "' is not a date (use YYYY-MM-DD)", e);
        }
        throw fail(column, "'" + value + "' is not a date (use YYYY-MM-DD)", null);
    }

    /** TRUE/true/1/yes or FALSE/false/0/no; {@code blank} when empty. */
    default boolean bool(String column, boolean blank) throws MisReadException {
        String value = get(column);
        if (value == null) {
            return blank;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes":
                return true;
            case "false", "0", "no":
                return false;
            default:
                throw fail(column, "'" + value + "' is not a boolean (use true or false)", null);
        }
    }
}
