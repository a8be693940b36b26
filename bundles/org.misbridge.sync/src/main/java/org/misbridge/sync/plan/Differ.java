package org.misbridge.sync.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.misbridge.api.directory.Changes;
import org.misbridge.api.directory.Keyed;
import org.misbridge.api.directory.Origin;

/**
 * Diffs the rows import wants against the rows the directory has, by key. Rows that people made
 * (manual or web) are never touched, and an imported row that collides with one is dropped.
 */
final class Differ {

    private Differ() {
    }

    /**
     * @param removeAbsent whether imported rows missing from {@code desired} are removed (a whole
     *     roll) or left alone (a partial snapshot)
     */
    static <T extends Keyed> Changes<T> diff(Collection<T> current, Collection<T> desired,
            Function<T, Origin> origin, boolean removeAbsent) {
        if (current.isEmpty()) {
            return new Changes<>(List.copyOf(desired), List.of(), List.of()); // a first sync: no key to look up (and no copy more)
        }
        Map<String, T> byKey = index(current);
        List<T> created = new ArrayList<>();
        List<T> updated = new ArrayList<>();
        for (T want : desired) {
            T have = byKey.remove(want.key());
            if (have == null) {
                created.add(want);
            } else if (origin.apply(have) == Origin.IMPORT && !have.equals(want)) {
                updated.add(want);
            }
        }
        List<T> removed = new ArrayList<>();
        if (removeAbsent) {
            for (T left : byKey.values()) {
                if (origin.apply(left) == Origin.IMPORT) {
                    removed.add(left);
                }
            }
        }
        return new Changes<>(created, updated, removed);
    }

    static <T extends Keyed> Map<String, T> index(Collection<T> rows) {
        Map<String, T> byKey = new LinkedHashMap<>(rows.size() * 2);
        for (T row : rows) {
            byKey.put(row.key(), row);
        }
        return byKey;
    }
}
