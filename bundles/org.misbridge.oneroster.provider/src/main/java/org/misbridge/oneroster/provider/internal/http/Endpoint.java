package org.misbridge.oneroster.provider.internal.http;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A top-level rostering endpoint: the base collection it serves from, which of its records it
 * serves, and the keys of its JSON answers (the binding wraps a list as {@code {"users": [...]}} and
 * one record as {@code {"user": {...}}}, also for {@code students} and {@code teachers}).
 */
enum Endpoint {
    ORGS("orgs", "orgs", "org", Every.RECORD),
    SCHOOLS("schools", "orgs", "org", r -> "school".equals(r.get("type"))),
    ACADEMIC_SESSIONS("academicSessions", "academicSessions", "academicSession", Every.RECORD),
    TERMS("terms", "academicSessions", "academicSession", r -> "term".equals(r.get("type"))),
    CLASSES("classes", "classes", "class", Every.RECORD),
    COURSES("courses", "courses", "course", Every.RECORD),
    ENROLLMENTS("enrollments", "enrollments", "enrollment", Every.RECORD),
    USERS("users", "users", "user", Every.RECORD),
    STUDENTS("students", "users", "user", r -> hasRole(r, "student")),
    TEACHERS("teachers", "users", "user", r -> hasRole(r, "teacher")),
    DEMOGRAPHICS("demographics", "demographics", "demographics", Every.RECORD);

    /** The endpoints that serve every record of their base collection share this predicate, so a page can tell. */
    static final class Every {
        static final Predicate<Map<String, Object>> RECORD = r -> true;

        private Every() {
        }
    }

    final String path;
    final String base;
    final String single;
    final Predicate<Map<String, Object>> serves;

    Endpoint(String path, String base, String single, Predicate<Map<String, Object>> serves) {
        this.path = path;
        this.base = base;
        this.single = single;
        this.serves = serves;
    }

    static @Nullable Endpoint of(String path) {
        for (Endpoint endpoint : values()) {
            if (endpoint.path.equals(path)) {
                return endpoint;
            }
        }
        return null;
    }

    /** Whether a user has this role, primary or secondary. */
    static boolean hasRole(Map<String, Object> user, String role) {
        return roleAt(user, role, null);
    }

    /** Whether a user has this role at this org (any org when null). */
    static boolean roleAt(Map<String, Object> user, String role, @Nullable String orgId) {
        if (user.get("roles") instanceof List<?> roles) {
            for (Object entry : roles) {
                if (entry instanceof Map<?, ?> r && role.equals(r.get("role"))
                        && (orgId == null || r.get("org") instanceof Map<?, ?> org && orgId.equals(org.get("sourcedId")))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The sourcedId of a GUIDRef field of a record, or null. */
    static @Nullable Object refId(Map<String, Object> record, String field) {
        return record.get(field) instanceof Map<?, ?> ref ? ref.get("sourcedId") : null;
    }
}
