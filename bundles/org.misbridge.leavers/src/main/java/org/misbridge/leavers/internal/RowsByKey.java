package org.misbridge.leavers.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The rows of a list found by a key (a member's links, an adult's wallets), in the list's own order,
 * as a walk of the whole list would give them: a walk for each leaver made an export or a school's
 * warnings grow with the square of the school.
 */
final class RowsByKey<T> {
    private final List<T> list;
    private final Map<String, List<Integer>> places = new HashMap<>();

    RowsByKey(List<T> list, Function<T, String> key) {
        this.list = list;
        for (int i = 0; i < list.size(); i++) {
            places.computeIfAbsent(key.apply(list.get(i)), k -> new ArrayList<>()).add(i);
        }
    }

    /** The rows any of {@code keys} finds, in the list's order. */
    List<T> of(Collection<String> keys) {
        List<Integer> found = new ArrayList<>();
        keys.forEach(k -> found.addAll(places.getOrDefault(k, List.of())));
        Collections.sort(found);
        return found.stream().map(list::get).toList();
    }
}
