package org.misbridge.oneroster.provider.internal.http;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.misbridge.oneroster.provider.internal.delta.DeltaIndex;
import org.misbridge.oneroster.provider.internal.delta.SchoolChanges;
import org.misbridge.oneroster.provider.internal.mapping.RosterView;
import org.misbridge.oneroster.provider.internal.query.DeltaBound;
import org.misbridge.oneroster.provider.internal.query.OneRosterException;

/**
 * One school's records as one request sees them (full or core), and, for a delta, the records it
 * looks at: those changed since its time and the tombstones of those gone since, found through the
 * change log, or the whole collection where the filter may match older records too.
 */
final class SchoolView {
    private final RosterView records;
    private final Map<String, Map<String, Map<String, Object>>> byId;
    private final SchoolChanges changes;
    private final DeltaIndex deltas;
    private final @Nullable Instant deltasFrom;
    private final Set<String> keyOrdered;
    private final EnrollmentIndex enrollments;
    private final Listings listings;

    /**
     * @param byId       the tracked collections' records by sourcedId
     * @param deltasFrom the earliest time a delta may start from now, or null without a log
     */
    SchoolView(RosterView records, Map<String, Map<String, Map<String, Object>>> byId, SchoolChanges changes,
            DeltaIndex deltas, @Nullable Instant deltasFrom, Set<String> keyOrdered, EnrollmentIndex enrollments,
            Listings listings) {
        this.records = records;
        this.listings = listings;
        this.enrollments = enrollments;
        this.byId = byId;
        this.changes = changes;
        this.deltas = deltas;
        this.deltasFrom = deltasFrom;
        this.keyOrdered = keyOrdered;
    }

    /** The tracked collections' records of a view by sourcedId, so a delta finds its changed records one by one. */
    static Map<String, Map<String, Map<String, Object>>> index(RosterView view) {
        Map<String, Map<String, Map<String, Object>>> index = new HashMap<>();
        for (String base : DeltaIndex.TRACKED) {
            Map<String, Map<String, Object>> records = new HashMap<>();
            view.collection(base).forEach(r -> records.put((String) r.get("sourcedId"), r));
            index.put(base, records);
        }
        return index;
    }

    /** Every served record of the school (no tombstones). */
    RosterView records() {
        return records;
    }

    /** The served record of a tracked collection with this sourcedId, or null. */
    @Nullable Map<String, Object> record(String base, String sourcedId) {
        Map<String, Map<String, Object>> records = byId.get(base);
        return records == null ? null : records.get(sourcedId);
    }

    /**
     * The enrolments whose {@code ref} ({@code user} or {@code class}) is {@code sourcedId}, in the
     * collection's order: what a class's students or a user's classes are answered from.
     */
    List<Map<String, Object>> enrollmentsOf(String ref, String sourcedId) {
        return enrollments.of(ref, sourcedId);
    }

    /**
     * The records {@code endpoint} serves of its base collection, in the collection's order: its
     * listing in the default order, picked out at the first request that needs it and kept with the
     * school's cached view (full or core) as any other listing is ({@link Listings}).
     */
    List<Map<String, Object>> served(Endpoint endpoint, String self) {
        return listings.of(new Listings.Key(self, null, null, false),
                () -> collection(endpoint.base).stream().filter(endpoint.serves).toList());
    }

    /** A filtered or sorted listing, kept with the school's cached view (see {@link Listings}). */
    List<Map<String, Object>> listing(Listings.Key key, Supplier<List<Map<String, Object>>> make) {
        return listings.of(key, make);
    }

    /** Whether a base collection's records are in sourcedId order (checked once, when the view was made). */
    boolean keyOrdered(String base) {
        return keyOrdered.contains(base);
    }

    /** The base collections of a view whose records are in sourcedId order, so a page of them needs no sort. */
    static Set<String> keyOrdered(RosterView view) {
        Set<String> ordered = new HashSet<>();
        for (String base : RosterView.COLLECTIONS) {
            List<Map<String, Object>> records = view.collection(base);
            boolean inOrder = true;
            for (int i = 1; i < records.size() && inOrder; i++) {
                String before = String.valueOf(records.get(i - 1).get("sourcedId"));
                inOrder = before.compareTo(String.valueOf(records.get(i).get("sourcedId"))) < 0;
            }
            if (inOrder) {
                ordered.add(base);
            }
        }
        return Set.copyOf(ordered);
    }

    /** The served records of a base collection. */
    List<Map<String, Object>> collection(String base) {
        return records.collection(base);
    }

    /**
     * The records a delta from {@code bound} looks at; the request's filter then picks from them.
     *
     * @throws OneRosterException (422) when the bound reaches back before the log holds every deletion
     */
    List<Map<String, Object>> delta(String base, DeltaBound bound) {
        if (deltasFrom != null && bound.from().isBefore(deltasFrom)) {
            Duration retention = changes.retention();
            throw OneRosterException.unprocessable(DeltaBound.FIELD + " reaches back to " + bound.from()
                    + ", before " + deltasFrom + ": deletions older than that are no longer all known (they are kept "
                    + (retention == null ? "" : retention.toDays() + " days, ") + "and only since the log began)."
                    + " Read the collection whole (without a " + DeltaBound.FIELD + " filter), then ask for the"
                    + " changes since that read");
        }
        if (!changes.logged() || !DeltaIndex.TRACKED.contains(base)) {
            return collection(base);
        }
        DeltaIndex.Delta delta = deltas.since(base, bound.earliest());
        List<Map<String, Object>> looked;
        if (bound.narrowing() && bound.excludes(changes.began())) {
            Map<String, Map<String, Object>> served = byId.get(base);
            looked = new ArrayList<>(delta.changed().size() + delta.gone().size());
            delta.changed().forEach(id -> looked.add(served.get(id)));
        } else { // records unchanged since the log began match too, or another predicate may match older ones
            looked = new ArrayList<>(collection(base));
        }
        looked.addAll(delta.gone());
        return looked;
    }
}
