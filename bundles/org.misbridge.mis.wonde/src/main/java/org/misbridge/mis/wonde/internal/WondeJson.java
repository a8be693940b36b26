package org.misbridge.mis.wonde.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reading Wonde's JSON leniently where Wonde is loose (strings or numbers, {@code null} for a field
 * the token has no scope for) and strictly where a wrong guess would corrupt data (dates).
 */
final class WondeJson {

    /** A value that is present but cannot be trusted; the caller adds where it was. */
    static final class BadValue extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadValue(String message) {
            super(message, null, false, false);
        }
    }

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}([ T].*)?");

    private WondeJson() {
    }

    /** The field's text, stripped; null when missing, JSON null, blank, an object or an array. */
    static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

    /** The first of the fields that has text, or null. */
    static @Nullable String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            String text = text(node, field);
            if (text != null) {
                return text;
            }
        }
        return null;
    }

    /**
     * What an include holds: Wonde wraps each included object or list as {@code {"data": ...}}.
     * Returns the object or array inside, or null when the include is missing or empty.
     */
    static @Nullable JsonNode included(JsonNode node, String include) {
        JsonNode wrapper = node.get(include);
        if (wrapper == null || !wrapper.isObject()) {
            return null;
        }
        JsonNode data = wrapper.get("data");
        return data == null || data.isNull() || !(data.isObject() || data.isArray()) ? null : data;
    }

    /** The included list, or an empty array node when there is none. */
    static Iterable<JsonNode> includedList(JsonNode node, String include) {
        JsonNode data = included(node, include);
        return data != null && data.isArray() ? data : List.of();
    }

    /**
     * A date: Wonde writes {@code {"date": "2024-09-01 00:00:00.000000", "timezone": "UTC"}}; a
     * plain {@code "2024-09-01"} (or an ISO date-time) is taken too. Only the calendar date is kept.
     */
    static @Nullable LocalDate date(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isObject()) {
            value = value.get("date");
            if (value == null || value.isNull()) {
                return null;
            }
        }
        if (!value.isTextual()) {
            throw new BadValue(field + " is not a date: " + value);
        }
        String text = value.asText().strip();
        if (text.isEmpty()) {
            return null;
        }
        if (!ISO_DATE.matcher(text).matches()) {
            throw new BadValue(field + " '" + text + "' is not a date (expected yyyy-mm-dd)");
        }
        try {
            return LocalDate.parse(text.substring(0, 10));
        } catch (DateTimeParseException e) {
            throw new BadValue(field + " '" + text + "' is not a date: " + e.getMessage());
        }
    }

    /** The first of the fields that holds a date, or null. */
    static @Nullable LocalDate firstDate(JsonNode node, String... fields) {
        for (String field : fields) {
            LocalDate date = date(node, field);
            if (date != null) {
                return date;
            }
        }
        return null;
    }

    /** true/false, also as "true"/"yes"/"1" strings or 1/0; null when missing or unrecognised. */
    static @Nullable Boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.asInt() != 0;
        }
        if (value.isTextual()) {
            return switch (value.asText().strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "y", "1" -> Boolean.TRUE;
                case "false", "no", "n", "0" -> Boolean.FALSE;
                default -> null;
            };
        }
        return null;
    }

    /** A whole number, also as a numeric string; null when missing, blank or not a whole number. */
    static @Nullable Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.intValue();
        }
        if (value.isTextual()) {
            try {
                return Integer.valueOf(value.asText().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
