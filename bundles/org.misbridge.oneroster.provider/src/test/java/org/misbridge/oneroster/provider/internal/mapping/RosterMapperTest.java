package org.misbridge.oneroster.provider.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DetailKind;
import org.misbridge.api.directory.DirectoryGroup;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.GroupMembership;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.model.ApplicationStatus;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.api.model.GroupKind;
import org.misbridge.api.model.ParentalResponsibility;
import org.misbridge.api.model.School;
import org.misbridge.oneroster.provider.internal.query.FieldSchema;
import org.misbridge.oneroster.provider.internal.query.Page;
import org.misbridge.oneroster.provider.internal.query.Query;
import org.misbridge.oneroster.provider.internal.query.QueryEngine;
import org.misbridge.oneroster.provider.internal.schema.RosterSchemas;

/**
 * A small school mapped by hand: two students, a teacher who is also a father, a mother, a
 * grandmother, a coach added by hand, a registration group, a class and an inactive class.
 */
class RosterMapperTest {
    static final String BASE = "https://host/ims/oneroster/rostering/v1p2";
    static final Instant SYNCED = Instant.parse("2026-12-03T10:00:00Z");
    static final School SCHOOL = new School("sch1", "Hill School", ZoneId.of("Europe/London"));

    static DirectoryState directory() {
        List<Member> members = List.of(
                new Member("S1", MemberKind.STUDENT, "Ada", "Lovelace", "7", "7A", EnrolmentState.ON_ROLL, null,
                        LocalDate.parse("2021-09-01"), null, Origin.IMPORT),
                new Member("S2", MemberKind.STUDENT, "Bob", "Byron", "7", null, EnrolmentState.PRE_ADMISSION,
                        ApplicationStatus.ACCEPTED, LocalDate.parse("2027-01-05"), null, Origin.IMPORT),
                new Member("T1", MemberKind.STAFF, "Tom", "Lovelace", null, null, EnrolmentState.ON_ROLL, null, null,
                        null, Origin.IMPORT),
                new Member("O1", MemberKind.OTHER, "Cat", "Coach", null, null, EnrolmentState.ON_ROLL, null, null,
                        null, Origin.MANUAL));
        List<LinkedPerson> people = List.of(
                new LinkedPerson("P1", "Pat", "Lovelace", Origin.IMPORT),
                new LinkedPerson("T1", "Tom", "Lovelace", Origin.IMPORT),
                new LinkedPerson("P3", "Gina", "Byron", Origin.IMPORT),
                new LinkedPerson("P4", "Nobody", "Linked", Origin.MANUAL));
        List<Link> links = List.of(
                new Link("S1", "T1", 2, false, "Father", ParentalResponsibility.UNKNOWN, Origin.IMPORT),
                new Link("S1", "P1", 1, true, "Mother", ParentalResponsibility.YES, Origin.IMPORT),
                new Link("S2", "P3", 1, true, "Grandmother", ParentalResponsibility.NO, Origin.IMPORT));
        List<ContactDetail> details = List.of(
                new ContactDetail("P1", DetailKind.EMAIL, "pat@example.org", false, Origin.IMPORT),
                new ContactDetail("P1", DetailKind.MOBILE, "07700900001", true, Origin.IMPORT),
                new ContactDetail("P1", DetailKind.MOBILE, "07700900002", false, Origin.IMPORT),
                new ContactDetail("T1", DetailKind.EMAIL, "tom@school.example", false, Origin.IMPORT));
        List<DirectoryGroup> groups = List.of(
                new DirectoryGroup("MATH1", "Maths set 1", GroupKind.CLASS, true, Origin.IMPORT),
                new DirectoryGroup("OLD", "Old club", GroupKind.CLASS, false, Origin.IMPORT),
                new DirectoryGroup("7A", "7A", GroupKind.REGISTRATION, true, Origin.IMPORT));
        List<GroupMembership> memberships = List.of(
                new GroupMembership("7A", "S1"), new GroupMembership("7A", "T1"), new GroupMembership("7A", "O1"),
                new GroupMembership("MATH1", "S2"), new GroupMembership("MATH1", "S1"),
                new GroupMembership("OLD", "S1"));
        return new DirectoryState("sch1", members, people, links, details, groups, memberships, List.of());
    }

    private final RosterView view = RosterMapper.map(directory(), SCHOOL, SYNCED, BASE);

    private static Map<String, Object> ref(String collection, String type, String id) {
        return Map.of("href", BASE + "/" + collection + "/" + id, "sourcedId", id, "type", type);
    }

    private Map<String, Object> user(String id) {
        return view.users().stream().filter(u -> u.get("sourcedId").equals(id)).findFirst().orElseThrow();
    }

    @Test
    void theSchoolIsOneOrg() {
        assertThat(view.orgs()).containsExactly(Map.of("sourcedId", "sch1", "status", "active",
                "dateLastModified", "2026-12-03T10:00:00Z", "name", "Hill School", "type", "school"));
    }

    @Test
    void theAcademicYearIsSeptemberToAugustNamedByItsEnd() {
        assertThat(view.academicSessions()).singleElement().satisfies(year -> assertThat(year)
                .containsEntry("sourcedId", "sch1.year.2027").containsEntry("title", "2026/2027")
                .containsEntry("startDate", "2026-09-01").containsEntry("endDate", "2027-08-31")
                .containsEntry("type", "schoolYear").containsEntry("schoolYear", "2027")
                .containsEntry("org", ref("orgs", "org", "sch1")));
    }

    @Test
    void activeGroupsAreClassesWithACoursePerKindAndTheYearAsTerm() {
        assertThat(view.courses()).extracting(c -> c.get("sourcedId"))
                .containsExactly("sch1.course.class", "sch1.course.registration");
        assertThat(view.classes()).extracting(c -> c.get("sourcedId")).containsExactly("7A", "MATH1");
        assertThat(view.classes().get(0)).containsEntry("title", "7A").containsEntry("classType", "homeroom")
                .containsEntry("course", ref("courses", "course", "sch1.course.registration"))
                .containsEntry("school", ref("orgs", "org", "sch1"))
                .containsEntry("terms", List.of(ref("academicSessions", "academicSession", "sch1.year.2027")));
        assertThat(view.classes().get(1)).containsEntry("title", "Maths set 1").containsEntry("classType", "scheduled");
    }

    @Test
    void membersOfActiveGroupsAreEnrolledStudentsAsStudentsStaffAsTeachers() {
        assertThat(view.enrollments()).extracting(e -> e.get("sourcedId"), e -> e.get("role"))
                .containsExactly(
                        tuple("7A:S1", "student"),
                        tuple("7A:T1", "teacher"),
                        tuple("MATH1:S1", "student"),
                        tuple("MATH1:S2", "student"));
        assertThat(view.enrollments().get(1)).containsEntry("user", ref("users", "user", "T1"))
                .containsEntry("class", ref("classes", "class", "7A"));
    }

    @Test
    void eachPersonIsOneUserAndHandAddedMembersAndUnlinkedPeopleAreLeftOut() {
        assertThat(view.users()).extracting(u -> u.get("sourcedId")).containsExactly("P1", "P3", "S1", "S2", "T1");
    }

    @Test
    void aStudentListsTheirContactsByPriority() {
        Map<String, Object> ada = user("S1");
        assertThat(ada).containsEntry("givenName", "Ada").containsEntry("familyName", "Lovelace")
                .containsEntry("username", "S1").containsEntry("enabledUser", true)
                .containsEntry("agents", List.of(ref("users", "user", "P1"), ref("users", "user", "T1")))
                .containsEntry("primaryOrg", ref("orgs", "org", "sch1"))
                .doesNotContainKeys("metadata", "email");
        assertThat(ada.get("roles")).isEqualTo(List.of(Map.of("roleType", "primary", "role", "student",
                "org", ref("orgs", "org", "sch1"), "beginDate", "2021-09-01")));
        assertThat(user("S2")).containsEntry("enabledUser", false); // a pre-admission cannot sign in yet
    }

    @Test
    void aTeacherWhoIsAFatherIsOneUserWithBothRoles() {
        Map<String, Object> tom = user("T1");
        assertThat(tom.get("roles")).isEqualTo(List.of(
                Map.of("roleType", "primary", "role", "teacher", "org", ref("orgs", "org", "sch1")),
                Map.of("roleType", "secondary", "role", "parent", "org", ref("orgs", "org", "sch1"))));
        assertThat(tom).containsEntry("email", "tom@school.example").containsEntry("username", "tom@school.example")
                .containsEntry("agents", List.of(ref("users", "user", "S1")))
                .containsEntry("metadata", Map.of(UserMapper.CONTACT_OF, List.of(Map.of("studentSourcedId", "S1",
                        "priority", 2, "prime", false, "parentalResponsibility", "unknown",
                        "relationship", "Father"))));
    }

    @Test
    void aContactCarriesPriorityAndParentalResponsibilityInMetadataAndNoBlockedDetail() {
        Map<String, Object> pat = user("P1");
        assertThat(pat.get("roles")).isEqualTo(List.of(
                Map.of("roleType", "primary", "role", "parent", "org", ref("orgs", "org", "sch1"))));
        assertThat(pat).containsEntry("email", "pat@example.org").containsEntry("sms", "07700900002")
                .containsEntry("phone", "07700900002").containsEntry("enabledUser", true)
                .containsEntry("agents", List.of(ref("users", "user", "S1")))
                .containsEntry("metadata", Map.of(UserMapper.CONTACT_OF, List.of(Map.of("studentSourcedId", "S1",
                        "priority", 1, "prime", true, "parentalResponsibility", "yes", "relationship", "Mother"))));
        Map<String, Object> gina = user("P3");
        assertThat(gina.get("roles")).isEqualTo(List.of(
                Map.of("roleType", "primary", "role", "relative", "org", ref("orgs", "org", "sch1"))));
        assertThat(gina).containsEntry("metadata", Map.of(UserMapper.CONTACT_OF, List.of(Map.of(
                "studentSourcedId", "S2", "priority", 1, "prime", true, "parentalResponsibility", "no",
                "relationship", "Grandmother"))));
    }

    @Test
    void theQueryLayerAnswersTheCallsALargeConsumerMakes() {
        Page byEmail = QueryEngine.run(view.users(),
                Query.of(Map.of("filter", "email='tom@school.example'"), RosterSchemas.USERS), RosterSchemas.USERS);
        assertThat(byEmail.records()).extracting(u -> u.get("sourcedId")).containsExactly("T1");
        Page parents = QueryEngine.run(view.users(), Query.of(Map.of("filter", "roles.role='parent'",
                "fields", "sourcedId"), RosterSchemas.USERS), RosterSchemas.USERS);
        assertThat(parents.records()).containsExactly(Map.of("sourcedId", "P1"), Map.of("sourcedId", "T1"));
        Page mathStudents = QueryEngine.run(view.enrollments(), Query.of(Map.of("filter",
                "class.sourcedId='MATH1' AND role='student'"), RosterSchemas.ENROLLMENTS), RosterSchemas.ENROLLMENTS);
        assertThat(mathStudents.total()).isEqualTo(2);
    }

    @Test
    void everyMappedFieldIsInItsCollectionsSchema() {
        for (String collection : List.of("orgs", "academicSessions", "courses", "classes", "enrollments", "users")) {
            FieldSchema schema = RosterSchemas.of(collection);
            for (Map<String, Object> record : view.collection(collection)) {
                assertKnown(schema, "", record, collection);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void assertKnown(FieldSchema schema, String prefix,
            Map<String, Object> object, String collection) {
        for (Map.Entry<String, Object> field : object.entrySet()) {
            String path = prefix + field.getKey();
            assertThat(schema.typeOf(path)).as("%s.%s", collection, path).isNotNull();
            if (path.equals("metadata")) {
                continue; // extensions are free-form
            }
            Object value = field.getValue();
            List<Object> nested = value instanceof List<?> list ? (List<Object>) list : List.of(value);
            for (Object element : nested) {
                if (element instanceof Map<?, ?> map) {
                    assertKnown(schema, path + ".", (Map<String, Object>) map, collection);
                }
            }
        }
    }
}
