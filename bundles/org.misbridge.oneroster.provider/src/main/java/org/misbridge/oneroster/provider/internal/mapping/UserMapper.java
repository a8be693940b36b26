package org.misbridge.oneroster.provider.internal.mapping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DetailKind;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.model.EnrolmentState;

/**
 * The {@code users} collection: students and staff from the directory's members, and the adults
 * linked to students as {@code parent}, {@code guardian} or {@code relative}. A person who is both
 * a member of staff and a linked adult has one id in both tables and is one user with two roles.
 * Students list their contacts as {@code agents} in priority order; a contact lists their students.
 * What OneRoster has no field for (priority, prime, parental responsibility, relationship) goes in
 * {@code metadata} under {@link #CONTACT_OF}.
 */
final class UserMapper {
    /** The metadata extension: one entry per student the user is a contact of. */
    static final String CONTACT_OF = "misbridge.contactOf";

    private static final Comparator<Link> BY_PRIORITY = Comparator.comparingInt(Link::priority)
            .thenComparing(Link::personId).thenComparing(Link::memberId);

    private final Refs refs;
    private final RecordTimes times;
    private final String schoolId;

    UserMapper(Refs refs, RecordTimes times, String schoolId) {
        this.refs = refs;
        this.times = times;
        this.schoolId = schoolId;
    }

    /** Users in sourcedId order; members of kind OTHER (added by hand, no OneRoster role fits) are left out. */
    List<Map<String, Object>> users(DirectoryState state) {
        Map<String, Member> served = new HashMap<>();
        for (Member member : state.members()) {
            if (member.kind() != MemberKind.OTHER) {
                served.put(member.id(), member);
            }
        }
        Map<String, List<Link>> linksOfPerson = new HashMap<>();
        Map<String, List<Link>> linksOfStudent = new HashMap<>();
        for (Link link : state.links()) {
            Member student = served.get(link.memberId());
            if (student != null && student.kind() == MemberKind.STUDENT) {
                linksOfPerson.computeIfAbsent(link.personId(), k -> new ArrayList<>()).add(link);
                linksOfStudent.computeIfAbsent(link.memberId(), k -> new ArrayList<>()).add(link);
            }
        }
        linksOfPerson.values().forEach(list -> list.sort(BY_PRIORITY));
        linksOfStudent.values().forEach(list -> list.sort(BY_PRIORITY));
        Map<String, List<ContactDetail>> details = new HashMap<>();
        for (ContactDetail detail : state.details()) {
            if (!detail.blocked()) { // a blocked detail bounces: never hand it to another system
                details.computeIfAbsent(detail.ownerId(), k -> new ArrayList<>()).add(detail);
            }
        }
        Map<String, LinkedPerson> people = new HashMap<>();
        for (LinkedPerson person : state.people()) {
            people.put(person.id(), person);
        }

        TreeMap<String, Map<String, Object>> users = new TreeMap<>();
        for (Member member : served.values()) {
            List<Map<String, Object>> roles = new ArrayList<>();
            roles.add(memberRole(member));
            List<Link> asContact = linksOfPerson.getOrDefault(member.id(), List.of());
            if (!asContact.isEmpty()) {
                roles.add(role("secondary", ContactRoles.roleOf(asContact.get(0).relationship()), null, null));
            }
            List<Link> agents = member.kind() == MemberKind.STUDENT
                    ? linksOfStudent.getOrDefault(member.id(), List.of()) : List.of();
            Map<String, Object> user = user(member.id(), member.givenName(), member.familyName(),
                    member.state() == EnrolmentState.ON_ROLL, roles, agents, asContact, details);
            if (member.kind() == MemberKind.STUDENT && member.yearGroup() != null) {
                user.put("grades", List.of(grade(member.yearGroup())));
            }
            users.put(member.id(), user);
        }
        for (Map.Entry<String, List<Link>> contact : linksOfPerson.entrySet()) {
            LinkedPerson person = people.get(contact.getKey());
            if (person == null || users.containsKey(person.id())) {
                continue; // no person row to name them, or already served as staff with the contact role
            }
            List<Link> links = contact.getValue();
            List<Map<String, Object>> roles = List.of(
                    role("primary", ContactRoles.roleOf(links.get(0).relationship()), null, null));
            users.put(person.id(), user(person.id(), person.givenName(), person.familyName(), true, roles,
                    List.of(), links, details));
        }
        return new ArrayList<>(users.values());
    }

    /**
     * A year group as a OneRoster grade: English years 1 to 13 as two digits ({@code 07}), as the
     * grade vocabulary writes them; anything else (Reception {@code R}, nursery) as the MIS has it.
     */
    static String grade(String yearGroup) {
        String year = yearGroup.strip();
        if (year.matches("[0-9]{1,2}")) {
            int n = Integer.parseInt(year);
            if (n >= 1 && n <= 13) {
                return String.format(Locale.ROOT, "%02d", n);
            }
        }
        return year;
    }

    private Map<String, Object> memberRole(Member member) {
        if (member.kind() == MemberKind.STUDENT) {
            return role("primary", "student", member.admissionDate(), member.leavingDate());
        }
        return role("primary", "teacher", null, member.leavingDate());
    }

    private Map<String, Object> role(String roleType, String role, @Nullable Object beginDate,
            @Nullable Object endDate) {
        Map<String, Object> entry = new RecordMap(5);
        entry.put("roleType", roleType);
        entry.put("role", role);
        entry.put("org", refs.org(schoolId));
        if (beginDate != null) {
            entry.put("beginDate", beginDate.toString());
        }
        if (endDate != null) {
            entry.put("endDate", endDate.toString());
        }
        return entry;
    }

    /**
     * @param agentLinks the student's links to their contacts, in priority order (empty for others)
     * @param contactOf  the links that make this user a contact of students (empty for none)
     */
    private Map<String, Object> user(String id, String givenName, String familyName, boolean enabled,
            List<Map<String, Object>> roles, List<Link> agentLinks, List<Link> contactOf,
            Map<String, List<ContactDetail>> details) {
        Map<String, Object> user = refs.record(id, times.user(id));
        if (!contactOf.isEmpty()) {
            user.put("metadata", Map.of(CONTACT_OF, contactOf.stream().map(UserMapper::contactEntry).toList()));
        }
        String email = first(details.get(id), DetailKind.EMAIL);
        String mobile = first(details.get(id), DetailKind.MOBILE);
        user.put("username", email != null ? email : id);
        user.put("enabledUser", enabled);
        user.put("givenName", givenName);
        user.put("familyName", familyName);
        user.put("roles", roles);
        user.put("primaryOrg", refs.org(schoolId));
        putIfPresent(user, "email", email);
        putIfPresent(user, "sms", mobile);
        putIfPresent(user, "phone", mobile);
        List<Map<String, Object>> agents = new ArrayList<>();
        for (Link link : agentLinks) {
            agents.add(refs.user(link.personId()));
        }
        for (Link link : contactOf.stream().sorted(Comparator.comparing(Link::memberId)).toList()) {
            agents.add(refs.user(link.memberId()));
        }
        user.put("agents", agents);
        return user;
    }

    private static Map<String, Object> contactEntry(Link link) {
        Map<String, Object> entry = new RecordMap(5);
        entry.put("studentSourcedId", link.memberId());
        entry.put("priority", link.priority());
        entry.put("prime", link.prime());
        entry.put("parentalResponsibility", link.parentalResponsibility().name().toLowerCase(Locale.ROOT));
        if (link.relationship() != null) {
            entry.put("relationship", link.relationship());
        }
        return entry;
    }

    private static @Nullable String first(@Nullable List<ContactDetail> details, DetailKind kind) {
        if (details != null) {
            for (ContactDetail detail : details) {
                if (detail.kind() == kind) {
                    return detail.value();
                }
            }
        }
        return null;
    }

    private static void putIfPresent(Map<String, Object> record, String field, @Nullable Object value) {
        if (value != null) {
            record.put(field, value);
        }
    }
}
