package org.misbridge.oneroster.provider.internal.query;

import java.util.List;
import java.util.Objects;

/**
 * A parsed {@code filter}: one or more predicates joined by one logical operator. The binding gives
 * AND and OR no precedence and has no parentheses, so a filter never mixes them (see
 * {@link FilterParser}).
 *
 * @param conjunction true for AND (every predicate), false for OR (any predicate); irrelevant for one predicate
 * @param predicates  at least one, at most {@link FilterParser#MAX_PREDICATES}
 */
public record Filter(boolean conjunction, List<Comparison> predicates) {
    public Filter {
        predicates = List.copyOf(predicates);
        if (predicates.isEmpty()) {
            throw new IllegalArgumentException("a filter has at least one predicate");
        }
        Objects.requireNonNull(predicates.get(0));
    }
}
