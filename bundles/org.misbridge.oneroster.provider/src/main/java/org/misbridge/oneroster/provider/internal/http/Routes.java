package org.misbridge.oneroster.provider.internal.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A request's route as a template for metrics: the path with its ids replaced by {@code {id}}, so a
 * label holds no sourcedId and has a bounded number of values; a path no endpoint serves is
 * {@value #UNKNOWN}.
 */
final class Routes {
    static final String UNKNOWN = "unknown";
    private static final Set<String> NESTED = Set.of("classes", "students", "teachers");

    private Routes() {
    }

    /** @param path the path after {@code /ims/oneroster}, e.g. {@code /rostering/v1p2/classes/7A/students} */
    static String template(String path) {
        if (path.equals(OneRosterServlet.TOKEN)) {
            return OneRosterServlet.TOKEN;
        }
        if (!path.startsWith(OneRosterServlet.ROSTERING + "/")) {
            return UNKNOWN;
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.substring(OneRosterServlet.ROSTERING.length()).split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        boolean bulk = segments.size() == 3 && segments.get(0).equals("schools") && segments.get(2).equals("bulk.zip");
        if (segments.isEmpty() || segments.size() > 3 || Endpoint.of(segments.get(0)) == null
                || segments.size() == 3 && !NESTED.contains(segments.get(2)) && !bulk) {
            return UNKNOWN;
        }
        StringBuilder route = new StringBuilder(OneRosterServlet.ROSTERING).append('/').append(segments.get(0));
        if (segments.size() > 1) {
            route.append("/{id}");
        }
        if (segments.size() > 2) {
            route.append('/').append(segments.get(2));
        }
        return route.toString();
    }
}
