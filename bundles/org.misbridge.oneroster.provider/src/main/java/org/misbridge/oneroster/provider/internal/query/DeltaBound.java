package org.misbridge.oneroster.provider.internal.query;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What makes a request a delta: its filter asks for records changed since a time
 * ({@code dateLastModified>'T'} or {@code >=}). Such a request also gets the records deleted since
 * then, as {@code tobedeleted}.
 *
 * @param from      the earliest change the request can match
 * @param after     whether only changes after {@code from} match ({@code >}), not those at it
 * @param narrowing whether every record the filter matches changed since {@code from} (one
 *                  predicate, or AND), so only the records changed since need be looked at; with OR,
 *                  other predicates may match older records, and {@code from} is the earliest bound
 */
public record DeltaBound(Instant from, boolean after, boolean narrowing) {
    public static final String FIELD = "dateLastModified";

    /** The filter's bound, or null when it asks for no changes since a time. */
    public static @Nullable DeltaBound of(@Nullable Filter filter) {
        if (filter == null) {
            return null;
        }
        boolean and = filter.conjunction() || filter.predicates().size() == 1;
        DeltaBound bound = null;
        for (Comparison p : filter.predicates()) {
            if (p.field().equals(FIELD) && p.operand() instanceof Instant t
                    && (p.operator() == Operator.GREATER || p.operator() == Operator.GREATER_OR_EQUAL)) {
                DeltaBound one = new DeltaBound(t, p.operator() == Operator.GREATER, and);
                bound = bound == null || (and ? one.tighter(bound) : bound.tighter(one)) ? one : bound;
            }
        }
        return bound;
    }

    /** Whether this bound lets fewer changes through than {@code other}. */
    private boolean tighter(DeltaBound other) {
        return from.isAfter(other.from) || (from.equals(other.from) && after && !other.after);
    }

    /** The earliest change time that can match: {@code from}, or just after it for {@code >}. */
    public Instant earliest() {
        return after ? from.plusNanos(1) : from;
    }

    /** Whether a record last changed at {@code time} is too old for every record the filter matches. */
    public boolean excludes(Instant time) {
        return after ? !time.isAfter(from) : time.isBefore(from);
    }
}
