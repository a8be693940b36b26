package org.misbridge.oneroster.provider.internal.mapping;

import java.util.List;
import java.util.Map;

/** One school's directory as OneRoster 1.2 records, each a JSON-ready map, per collection. */
public record RosterView(
        List<Map<String, Object>> orgs,
        List<Map<String, Object>> academicSessions,
        List<Map<String, Object>> courses,
        List<Map<String, Object>> classes,
        List<Map<String, Object>> enrollments,
        List<Map<String, Object>> users,
        List<Map<String, Object>> demographics) {

    /** The base collections' endpoint names, as {@link #collection} takes them. */
    public static final List<String> COLLECTIONS =
            List.of("orgs", "academicSessions", "courses", "classes", "enrollments", "users", "demographics");

    public RosterView {
        orgs = List.copyOf(orgs);
        academicSessions = List.copyOf(academicSessions);
        courses = List.copyOf(courses);
        classes = List.copyOf(classes);
        enrollments = List.copyOf(enrollments);
        users = List.copyOf(users);
        demographics = List.copyOf(demographics);
    }

    /** The records of a base collection by its endpoint name, e.g. {@code users}. */
    public List<Map<String, Object>> collection(String name) {
        return switch (name) {
            case "orgs" -> orgs;
            case "academicSessions" -> academicSessions;
            case "courses" -> courses;
            case "classes" -> classes;
            case "enrollments" -> enrollments;
            case "users" -> users;
            case "demographics" -> demographics;
            default -> throw new IllegalArgumentException("no collection " + name);
        };
    }
}
