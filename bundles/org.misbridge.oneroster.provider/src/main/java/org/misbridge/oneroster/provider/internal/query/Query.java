package org.misbridge.oneroster.provider.internal.query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The query parameters of one collection request, checked against the collection's schema. A
 * parameter the binding defines is applied or refused with the specified error, never ignored.
 *
 * @param filter     the parsed filter, or null for every record
 * @param sort       the field to order by, or null for the default order (sourcedId)
 * @param descending {@code orderBy=desc}
 * @param fields     the top-level fields to return, or null for all
 * @param limit      records per page, 1 to {@link #MAX_LIMIT}
 * @param offset     records skipped, 0 or more
 */
public record Query(@Nullable Filter filter, @Nullable String sort, boolean descending, @Nullable List<String> fields,
        int limit, int offset) {

    /** The page size when the consumer gives none, as the binding says. */
    public static final int DEFAULT_LIMIT = 100;
    /**
     * The largest page served: the largest a known consumer asks for (5,000), so it pages as it
     * expects; more is refused, not clamped, so a consumer never mistakes a short page for the end.
     */
    public static final int MAX_LIMIT = 5000;

    public Query {
        fields = fields == null ? null : List.copyOf(fields);
    }

    /** Reads the parameters (URL-decoded; absent ones missing from the map) for a collection. */
    public static Query of(Map<String, String> parameters, FieldSchema schema) {
        String filterText = parameters.get("filter");
        Filter filter = filterText == null ? null : FilterParser.parse(filterText, schema);
        String sort = sort(parameters.get("sort"), schema);
        boolean descending = descending(parameters.get("orderBy"));
        List<String> fields = fields(parameters.get("fields"), schema);
        int limit = number("limit", parameters.get("limit"), DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw OneRosterException.badData("limit is " + limit + "; it is from 1 to " + MAX_LIMIT);
        }
        int offset = number("offset", parameters.get("offset"), 0);
        if (offset < 0) {
            throw OneRosterException.badData("offset is " + offset + "; it is 0 or more");
        }
        return new Query(filter, sort, descending, fields, limit, offset);
    }

    /** Every record, default order and page. */
    public static Query all() {
        return new Query(null, null, false, null, DEFAULT_LIMIT, 0);
    }

    private static @Nullable String sort(@Nullable String sort, FieldSchema schema) {
        if (sort == null) {
            return null;
        }
        String field = sort.strip();
        if (field.isEmpty()) {
            throw OneRosterException.badSort("sort is blank: name a field of " + schema.collection());
        }
        FieldType type = schema.typeOf(field);
        if (type == null) {
            throw OneRosterException.badSort(schema.collection() + " have no field " + FilterParser.echo(field)
                    + " to sort by");
        }
        if (!type.scalar() || schema.throughList(field)) {
            throw OneRosterException.badSort(field + " can hold several values or an object: sort by a field "
                    + "with one value per record");
        }
        return field;
    }

    private static boolean descending(@Nullable String orderBy) {
        if (orderBy == null || orderBy.equals("asc")) {
            return false;
        }
        if (orderBy.equals("desc")) {
            return true;
        }
        throw OneRosterException.badSort("orderBy is " + FilterParser.echo(orderBy) + "; it is asc or desc");
    }

    private static @Nullable List<String> fields(@Nullable String fields, FieldSchema schema) {
        if (fields == null) {
            return null;
        }
        if (fields.isBlank()) {
            throw OneRosterException.badSelection("fields is blank: name one or more fields of "
                    + schema.collection() + ", separated by commas");
        }
        Set<String> chosen = new LinkedHashSet<>();
        List<String> known = schema.topLevelFields();
        for (String part : fields.split(",", -1)) {
            String field = part.strip();
            if (field.isEmpty()) {
                throw OneRosterException.badSelection("fields has an empty name between commas");
            }
            if (!known.contains(field)) {
                throw OneRosterException.badSelection(schema.collection() + " have no field "
                        + FilterParser.echo(field) + " to select" + (field.indexOf('.') >= 0
                                ? " (fields selects whole top-level fields)" : ""));
            }
            chosen.add(field);
        }
        return new ArrayList<>(chosen);
    }

    private static int number(String name, @Nullable String text, int absent) {
        if (text == null) {
            return absent;
        }
        String digits = text.strip();
        if (!digits.matches("-?\\d+")) {
            throw OneRosterException.badData(name + " is " + FilterParser.echo(text) + "; it is a whole number");
        }
        long value = digits.length() > 11 ? Long.MAX_VALUE : Long.parseLong(digits);
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            throw OneRosterException.badData(name + " is " + FilterParser.echo(text) + ", out of range");
        }
        return (int) value;
    }
}
