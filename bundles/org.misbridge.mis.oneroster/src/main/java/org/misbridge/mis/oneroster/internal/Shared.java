package org.misbridge.mis.oneroster.internal;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Equal values of one read held once: a roll repeats a few roles, org and school ids, grades,
 * lists of these, names and dates hundreds of thousands of times, and each row would otherwise keep its own copy
 * until the snapshot is built. Bounded, so a field of unique values costs a little and no more.
 */
final class Shared {

    private static final int LIMIT = 1 << 14;

    private final Map<Object, Object> values = new HashMap<>(1024);

    String share(String value) {
        return (String) shareAny(value);
    }

    @Nullable String shareOrNull(@Nullable String value) {
        return value == null ? null : share(value);
    }

    @Nullable LocalDate share(@Nullable LocalDate value) {
        return value == null ? null : (LocalDate) shareAny(value);
    }

    /** An equal list seen before, else the list with its values shared: most users have the same orgs and grades. */
    @SuppressWarnings("unchecked")
    List<String> shareAll(List<String> list) {
        if (list.isEmpty()) {
            return list;
        }
        List<String> known = (List<String>) values.get(list);
        if (known != null) {
            return known;
        }
        String[] all = new String[list.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = share(list.get(i));
        }
        return (List<String>) shareAny(all.length == 1 ? Collections.singletonList(all[0])
                : Collections.unmodifiableList(Arrays.asList(all)));
    }

    private Object shareAny(Object value) {
        Object known = values.get(value);
        if (known != null) {
            return known;
        }
        if (values.size() < LIMIT) {
            values.put(value, value);
        }
        return value;
    }
}
