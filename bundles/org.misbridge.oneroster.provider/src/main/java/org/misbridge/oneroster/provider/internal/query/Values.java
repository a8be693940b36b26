package org.misbridge.oneroster.provider.internal.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Values of a record's fields, and filter values, made comparable by the field's type: text as
 * text, dates as {@link LocalDate}, datetimes as {@link Instant}, numbers as {@link BigDecimal}.
 */
final class Values {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private Values() {
    }

    /** A filter's literal for a field, or the {@code invalid_filter_field} error saying what it should look like. */
    static Object operand(String field, FieldType type, String literal) {
        try {
            return convert(type, literal);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw OneRosterException.badFilter(FilterParser.echo(literal) + " is not " + article(type) + " for "
                    + field + example(type));
        }
    }

    /** A value held by a record, converted like a filter's literal for the same type. */
    static Object ofRecord(FieldType type, Object raw) {
        if (type == FieldType.BOOLEAN && raw instanceof Boolean) {
            return raw;
        }
        return convert(type, raw.toString());
    }

    private static Object convert(FieldType type, String text) {
        return switch (type) {
            case STRING, ENUM, STRING_ARRAY -> text;
            case DATE -> date(text);
            case DATETIME -> DATE.matcher(text).matches()
                    ? date(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(text).toInstant();
            case NUMBER -> new BigDecimal(text);
            case BOOLEAN -> switch (text) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("not a boolean");
            };
            case OBJECT, OBJECT_ARRAY -> throw new IllegalStateException("objects have no value to compare");
        };
    }

    private static LocalDate date(String text) {
        if (!DATE.matcher(text).matches()) {
            throw new IllegalArgumentException("not YYYY-MM-DD");
        }
        return LocalDate.parse(text);
    }

    private static String article(FieldType type) {
        return switch (type) {
            case DATE -> "a date";
            case DATETIME -> "a datetime";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            default -> "a value";
        };
    }

    private static String example(FieldType type) {
        return switch (type) {
            case DATE -> " (YYYY-MM-DD, e.g. '2026-09-01')";
            case DATETIME -> " (ISO 8601 with a zone, e.g. '2026-12-01T06:00:00Z', or a date for its midnight UTC)";
            case NUMBER -> " (e.g. '12' or '2.5')";
            case BOOLEAN -> " ('true' or 'false')";
            default -> "";
        };
    }

    /** Every value a record holds at a dotted path: lists on the way are walked, absent steps give none. */
    static List<Object> at(Map<String, Object> record, String path) {
        List<Object> found = new ArrayList<>();
        collect(record, path.split("\\.", -1), 0, found);
        return found;
    }

    private static void collect(@Nullable Object node, String[] steps, int step, List<Object> found) {
        if (node == null) {
            return;
        }
        if (node instanceof List<?> list) {
            for (Object element : list) {
                collect(element, steps, step, found);
            }
        } else if (step == steps.length) {
            found.add(node);
        } else if (node instanceof Map<?, ?> map) {
            collect(map.get(steps[step]), steps, step + 1, found);
        }
    }

    /** Whether a record's values at a predicate's field satisfy it: any value for most, none equal for {@code !=}. */
    static boolean satisfies(Comparison predicate, Map<String, Object> record) {
        List<Object> found = at(record, predicate.field());
        if (predicate.operator() == Operator.NOT_EQUAL) {
            for (Object raw : found) {
                if (compare(predicate, raw) == 0) {
                    return false;
                }
            }
            return true;
        }
        for (Object raw : found) {
            if (predicate.operator() == Operator.CONTAINS) {
                if (lower(raw.toString()).contains(lower(predicate.value()))) {
                    return true;
                }
            } else if (predicate.operator().accepts(compare(predicate, raw))) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Comparison predicate, Object raw) {
        Comparable value = (Comparable) ofRecord(predicate.type(), raw);
        return Integer.signum(value.compareTo(predicate.operand()));
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
