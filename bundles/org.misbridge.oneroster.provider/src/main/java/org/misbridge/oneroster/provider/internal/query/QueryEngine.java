package org.misbridge.oneroster.provider.internal.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Applies a {@link Query} to a collection's records in memory: filter, then order, then page, then
 * field selection. The order is always total (ties broken by sourcedId), so pages never overlap or
 * skip a record between requests on unchanged data.
 */
public final class QueryEngine {
    private static final String KEY = "sourcedId";

    private QueryEngine() {
    }

    public static Page run(List<Map<String, Object>> records, Query query, FieldSchema schema) {
        return run(records, query, schema, false);
    }

    /**
     * @param keyOrdered whether the records are known to be in sourcedId order (a view's collection):
     *                   the default order then needs neither a sort nor a look at every record's key
     */
    public static Page run(List<Map<String, Object>> records, Query query, FieldSchema schema, boolean keyOrdered) {
        return page(ordered(records, query, schema, keyOrdered), query);
    }

    /**
     * The records the query's filter takes, in its order (not yet paged): what a listing's pages are
     * cut from. A new list, which the caller may keep.
     *
     * @param keyOrdered as for {@link #run(List, Query, FieldSchema, boolean)}
     */
    public static List<Map<String, Object>> ordered(List<Map<String, Object>> records, Query query, FieldSchema schema,
            boolean keyOrdered) {
        List<Map<String, Object>> matched = new ArrayList<>();
        for (Map<String, Object> record : records) {
            if (query.filter() == null || matches(query.filter(), record)) {
                matched.add(record);
            }
        }
        Comparator<Map<String, Object>> order = order(query, schema);
        // the views keep each collection in sourcedId order: a page of the default order needs no sort
        // of the whole collection (which made a 100,000-student listing quadratic), only this one pass
        if (keyOrdered && query.sort() == null) {
            if (query.descending()) {
                Collections.reverse(matched);
            }
        } else if (!inOrder(matched, order)) {
            if (inOrder(matched, order.reversed())) {
                Collections.reverse(matched); // orderBy=desc on the kept order
            } else {
                matched.sort(order);
            }
        }
        return matched;
    }

    /** The query's page of records already filtered and in its order ({@link #ordered}). */
    public static Page page(List<Map<String, Object>> ordered, Query query) {
        int total = ordered.size();
        int from = Math.min(query.offset(), total);
        int to = (int) Math.min((long) from + query.limit(), total);
        List<Map<String, Object>> page = new ArrayList<>(to - from);
        for (Map<String, Object> record : ordered.subList(from, to)) {
            page.add(select(record, query.fields()));
        }
        return new Page(page, total, query.limit(), query.offset());
    }

    private static boolean inOrder(List<Map<String, Object>> records, Comparator<Map<String, Object>> order) {
        for (int i = 1; i < records.size(); i++) {
            if (order.compare(records.get(i - 1), records.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * A page of a whole collection already in sourcedId order, for a query with neither filter nor
     * sort: the page is cut out, and no other record is looked at.
     */
    public static Page slice(List<Map<String, Object>> keyOrdered, Query query) {
        if (query.filter() != null || query.sort() != null) {
            throw new IllegalArgumentException("a slice is for the default order of a whole collection");
        }
        int total = keyOrdered.size();
        int from = Math.min(query.offset(), total);
        int to = (int) Math.min((long) from + query.limit(), total);
        List<Map<String, Object>> page = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            page.add(select(keyOrdered.get(query.descending() ? total - 1 - i : i), query.fields()));
        }
        return new Page(page, total, query.limit(), query.offset());
    }

    static boolean matches(Filter filter, Map<String, Object> record) {
        for (Comparison predicate : filter.predicates()) {
            boolean holds = Values.satisfies(predicate, record);
            if (filter.conjunction() != holds) {
                return holds; // AND: one false decides; OR: one true decides
            }
        }
        return filter.conjunction();
    }

    private static Comparator<Map<String, Object>> order(Query query, FieldSchema schema) {
        Comparator<Map<String, Object>> byKey = Comparator.comparing(r -> String.valueOf(r.get(KEY)));
        if (query.sort() == null) {
            return query.descending() ? byKey.reversed() : byKey;
        }
        String field = query.sort();
        FieldType type = schema.typeOf(field);
        Comparator<Map<String, Object>> byField = Comparator.comparing(r -> sortValue(r, field, type),
                Comparator.nullsFirst(QueryEngine::compareValues));
        return (query.descending() ? byField.reversed() : byField).thenComparing(byKey);
    }

    private static @Nullable Comparable<?> sortValue(Map<String, Object> record, String field, @Nullable FieldType type) {
        List<Object> found = Values.at(record, field);
        return found.isEmpty() || type == null ? null : (Comparable<?>) Values.ofRecord(type, found.get(0));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Comparable a, Comparable b) {
        return a.compareTo(b);
    }

    private static Map<String, Object> select(Map<String, Object> record, @Nullable List<String> fields) {
        if (fields == null) {
            return record;
        }
        Map<String, Object> selected = new LinkedHashMap<>();
        for (String field : fields) {
            if (record.containsKey(field)) {
                selected.put(field, record.get(field));
            }
        }
        return selected;
    }
}
