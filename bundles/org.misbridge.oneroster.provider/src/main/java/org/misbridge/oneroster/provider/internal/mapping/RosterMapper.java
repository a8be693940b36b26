package org.misbridge.oneroster.provider.internal.mapping;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.misbridge.api.directory.DirectoryGroup;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.GroupMembership;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.model.GroupKind;
import org.misbridge.api.model.School;

/**
 * A school's directory as OneRoster 1.2 records. The directory knows no academic sessions or
 * courses, which 1.2 classes require ({@code terms}, {@code course}), so the view has one
 * {@code schoolYear} session for the English academic year (1 September to 31 August, named by the
 * year it ends, as OneRoster's {@code schoolYear} is) and one course per kind of group. Inactive groups
 * are not served. Demographics are not in the directory: the collection is empty.
 */
public final class RosterMapper {
    /** The users' metadata extension for what a contact is to each student ({@code misbridge.contactOf}). */
    public static final String CONTACT_OF = UserMapper.CONTACT_OF;
    private RosterMapper() {
    }

    /** Every record as last modified at {@code lastModified} (the bulk export, which leaves the time blank). */
    public static RosterView map(DirectoryState state, School school, Instant lastModified, String baseUrl) {
        return map(state, school, lastModified, RecordTimes.constant(lastModified), baseUrl);
    }

    /**
     * @param today   a time of the school's current academic year (its last good read)
     * @param times   each record's dateLastModified
     * @param baseUrl the rostering service's base URL, for GUIDRef hrefs
     */
    public static RosterView map(DirectoryState state, School school, Instant today, RecordTimes times,
            String baseUrl) {
        Objects.requireNonNull(state, "state");
        Refs refs = new Refs(baseUrl);
        String schoolId = school.id();

        Map<String, Object> org = refs.record(schoolId, times.began());
        org.put("name", school.name());
        org.put("type", "school");

        LocalDate day = LocalDate.ofInstant(today, school.timeZone());
        int endYear = day.getMonth().compareTo(Month.SEPTEMBER) >= 0 ? day.getYear() + 1 : day.getYear();
        String yearId = schoolId + ".year." + endYear;
        // a new school year is a new session, and new courses in it: changed when the year began
        Instant yearBegan = LocalDate.of(endYear - 1, Month.SEPTEMBER, 1).atStartOfDay(school.timeZone()).toInstant();
        Instant yearTime = yearBegan.isAfter(times.began()) ? yearBegan : times.began();
        Map<String, Object> year = refs.record(yearId, yearTime);
        year.put("title", (endYear - 1) + "/" + endYear);
        year.put("startDate", LocalDate.of(endYear - 1, Month.SEPTEMBER, 1).toString());
        year.put("endDate", LocalDate.of(endYear, Month.AUGUST, 31).toString());
        year.put("type", "schoolYear");
        year.put("schoolYear", Integer.toString(endYear));
        year.put("org", refs.org(schoolId));

        List<DirectoryGroup> groups = state.groups().stream().filter(DirectoryGroup::active)
                .sorted(Comparator.comparing(DirectoryGroup::id)).toList();
        Set<GroupKind> kinds = EnumSet.noneOf(GroupKind.class);
        groups.forEach(g -> kinds.add(g.kind()));
        List<Map<String, Object>> courses = new ArrayList<>();
        for (GroupKind kind : kinds) {
            Map<String, Object> course = refs.record(courseId(schoolId, kind), yearTime);
            course.put("title", courseTitle(kind));
            course.put("schoolYear", refs.ref("academicSessions", "academicSession", yearId));
            course.put("org", refs.org(schoolId));
            courses.add(course);
        }
        List<Map<String, Object>> classes = new ArrayList<>();
        for (DirectoryGroup group : groups) {
            Map<String, Object> clazz = refs.record(group.id(), times.group(group.id()));
            clazz.put("title", group.name());
            clazz.put("classType", group.kind() == GroupKind.REGISTRATION ? "homeroom" : "scheduled");
            clazz.put("course", refs.ref("courses", "course", courseId(schoolId, group.kind())));
            clazz.put("school", refs.org(schoolId));
            clazz.put("terms", List.of(refs.ref("academicSessions", "academicSession", yearId)));
            classes.add(clazz);
        }
        return new RosterView(List.of(org), List.of(year), courses, classes,
                enrollments(state, groups, refs, times, schoolId), new UserMapper(refs, times, schoolId).users(state),
                List.of());
    }

    /** One enrolment per member of a served group: students as {@code student}, staff as {@code teacher}. */
    private static List<Map<String, Object>> enrollments(DirectoryState state, List<DirectoryGroup> groups,
            Refs refs, RecordTimes times, String schoolId) {
        Map<String, DirectoryGroup> served = new HashMap<>();
        groups.forEach(g -> served.put(g.id(), g));
        Map<String, Member> members = new HashMap<>();
        state.members().forEach(m -> members.put(m.id(), m));
        List<Map<String, Object>> enrollments = new ArrayList<>();
        for (GroupMembership membership : state.memberships()) {
            Member member = members.get(membership.memberId());
            if (!served.containsKey(membership.groupId()) || member == null || member.kind() == MemberKind.OTHER) {
                continue;
            }
            Map<String, Object> enrollment = refs.record(enrollmentId(membership),
                    times.membership(membership.groupId(), membership.memberId()));
            enrollment.put("user", refs.user(member.id()));
            enrollment.put("class", refs.ref("classes", "class", membership.groupId()));
            enrollment.put("school", refs.org(schoolId));
            enrollment.put("role", member.kind() == MemberKind.STUDENT ? "student" : "teacher");
            enrollments.add(enrollment);
        }
        enrollments.sort(Comparator.comparing(e -> (String) e.get("sourcedId")));
        return enrollments;
    }

    /** A membership's stable id: the class's id and the user's, joined by a colon. */
    static String enrollmentId(GroupMembership membership) {
        return enrollmentId(membership.groupId(), membership.memberId());
    }

    public static String enrollmentId(String groupId, String memberId) {
        return groupId + ':' + memberId;
    }

    static String courseId(String schoolId, GroupKind kind) {
        return schoolId + ".course." + kind.name().toLowerCase(Locale.ROOT);
    }

    private static String courseTitle(GroupKind kind) {
        return switch (kind) {
            case CLASS -> "Classes";
            case REGISTRATION -> "Registration groups";
            case YEAR -> "Year groups";
            case OTHER -> "Other groups";
        };
    }
}
