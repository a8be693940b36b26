package org.misbridge.oneroster.provider.internal.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A served school's enrolments by the sourcedId of their user and of their class, kept with the
 * school's cached view and made at the first request that needs it: a class's students and a user's
 * classes are then found by key, where a walk of every enrolment for each such request would make
 * asking for every class's students grow with the square of the school.
 */
final class EnrollmentIndex {

    private final List<Map<String, Object>> enrollments;
    private volatile @Nullable Map<String, Map<Object, List<Map<String, Object>>>> by;

    EnrollmentIndex(List<Map<String, Object>> enrollments) {
        this.enrollments = enrollments;
    }

    /** The enrolments whose {@code ref} ({@code user} or {@code class}) is {@code sourcedId}, in the collection's order. */
    List<Map<String, Object>> of(String ref, String sourcedId) {
        Map<String, Map<Object, List<Map<String, Object>>>> made = by;
        if (made == null) { // two requests at once may both make it: the same maps, either kept
            made = new HashMap<>();
            for (String r : List.of("user", "class")) {
                Map<Object, List<Map<String, Object>>> index = new HashMap<>();
                for (Map<String, Object> e : enrollments) {
                    Object id = Endpoint.refId(e, r);
                    if (id != null) {
                        index.computeIfAbsent(id, k -> new ArrayList<>()).add(e);
                    }
                }
                made.put(r, index);
            }
            by = made;
        }
        return made.getOrDefault(ref, Map.of()).getOrDefault(sourcedId, List.of());
    }
}
