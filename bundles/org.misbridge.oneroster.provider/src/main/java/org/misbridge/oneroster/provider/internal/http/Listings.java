package org.misbridge.oneroster.provider.internal.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.misbridge.oneroster.provider.internal.query.Filter;

/**
 * A school's filtered or sorted listings, each the records it serves in the order asked for, kept
 * with the school's cached view (full or core) for the pages that follow: a consumer that pages
 * through {@code /users?filter=roles.role='student'} would otherwise have every page filter and order the
 * whole collection again, so that reading all its pages grew with the square of the school. The
 * most recently used {@value #KEPT} are kept; each holds references to the view's own records.
 */
final class Listings {
    /** How many listings a view keeps: one per consumer paging at once, with room to spare. */
    static final int KEPT = 16;

    /**
     * What makes one listing: the request's path ({@code self}, which names the collection and any
     * parent, as {@code /schools/S1/students}), its parsed filter and its order.
     */
    record Key(String self, @Nullable Filter filter, @Nullable String sort, boolean descending) {
    }

    private final Map<Key, List<Map<String, Object>>> kept = new LinkedHashMap<>(KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, List<Map<String, Object>>> eldest) {
            return size() > KEPT;
        }
    };

    /** The listing of {@code key}, made by {@code make} (outside the lock: a large school's takes a while) at first need. */
    List<Map<String, Object>> of(Key key, Supplier<List<Map<String, Object>>> make) {
        synchronized (kept) {
            List<Map<String, Object>> listing = kept.get(key);
            if (listing != null) {
                return listing;
            }
        }
        List<Map<String, Object>> made = Collections.unmodifiableList(make.get());
        synchronized (kept) { // two requests at once may both make it: the same records, one kept
            List<Map<String, Object>> before = kept.putIfAbsent(key, made);
            return before != null ? before : made;
        }
    }

    /** How many listings are kept now. */
    int size() {
        synchronized (kept) {
            return kept.size();
        }
    }
}
