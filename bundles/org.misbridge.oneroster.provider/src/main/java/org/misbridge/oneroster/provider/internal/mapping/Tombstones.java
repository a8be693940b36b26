package org.misbridge.oneroster.provider.internal.mapping;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.directory.MemberKind;

/**
 * Records gone from a school, as a delta serves them: {@code status} {@code tobedeleted}, the time they
 * went, and only what says which record it was (never a name or a contact detail, which may have been
 * erased since). A user keeps their role where the log knows it, so {@code /students} and
 * {@code /teachers} deltas list their own; an enrolment keeps its user, class and school.
 */
public final class Tombstones {
    public static final String STATUS = "tobedeleted";

    private final Refs refs;
    private final String schoolId;

    public Tombstones(String baseUrl, String schoolId) {
        this.refs = new Refs(baseUrl);
        this.schoolId = schoolId;
    }

    /** @param kind the member's kind when the user was a student or staff member, else null (a contact) */
    public Map<String, Object> user(String id, Instant gone, @Nullable MemberKind kind) {
        Map<String, Object> user = refs.record(id, STATUS, gone);
        String role = role(kind);
        if (role != null) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("roleType", "primary");
            entry.put("role", role);
            entry.put("org", refs.org(schoolId));
            user.put("roles", List.of(entry));
        }
        return user;
    }

    public Map<String, Object> clazz(String groupId, Instant gone) {
        Map<String, Object> clazz = refs.record(groupId, STATUS, gone);
        clazz.put("school", refs.org(schoolId));
        return clazz;
    }

    /** @param kind the member's kind, for the enrolment's role, or null when unknown */
    public Map<String, Object> enrollment(String groupId, String memberId, Instant gone, @Nullable MemberKind kind) {
        Map<String, Object> enrollment = refs.record(RosterMapper.enrollmentId(groupId, memberId), STATUS, gone);
        enrollment.put("user", refs.user(memberId));
        enrollment.put("class", refs.ref("classes", "class", groupId));
        enrollment.put("school", refs.org(schoolId));
        String role = role(kind);
        if (role != null) {
            enrollment.put("role", role);
        }
        return enrollment;
    }

    private static @Nullable String role(@Nullable MemberKind kind) {
        return kind == MemberKind.STUDENT ? "student" : kind == MemberKind.STAFF ? "teacher" : null;
    }
}
