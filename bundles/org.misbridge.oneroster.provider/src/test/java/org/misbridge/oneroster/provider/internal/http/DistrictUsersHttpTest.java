package org.misbridge.oneroster.provider.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.misbridge.oneroster.provider.internal.http.ProviderServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DetailKind;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.api.model.ParentalResponsibility;
import org.misbridge.api.model.School;

/**
 * A district client's users: a parent with a child at north and one at south (one contact id, P-1, the
 * same name in both) is one user with a parent role at each school; an id both schools use for two
 * different people (P-2: Sam Shaw at north, Kim Kerr at south) is not merged.
 */
class DistrictUsersHttpTest {
    private static final String SECRET = "district-secret-0123456789-abcdefg";

    private static Member student(String id, String given) {
        return new Member(id, MemberKind.STUDENT, given, "Able", "7", null, EnrolmentState.ON_ROLL, null,
                LocalDate.parse("2024-09-01"), null, Origin.IMPORT);
    }

    private static DirectoryState school(String id, String student, String p2Given, String p2Family, String relationship) {
        return new DirectoryState(id, List.of(student(student, "Kid " + id)),
                List.of(new LinkedPerson("P-1", "Pat", "Able", Origin.IMPORT),
                        new LinkedPerson("P-2", p2Given, p2Family, Origin.IMPORT)),
                List.of(new Link(student, "P-1", 1, true, relationship, ParentalResponsibility.YES, Origin.IMPORT),
                        new Link(student, "P-2", 2, false, null, ParentalResponsibility.UNKNOWN, Origin.IMPORT)),
                id.equals("north") ? List.of(new ContactDetail("P-1", DetailKind.EMAIL, "pat@home.example", false, Origin.IMPORT))
                        : List.of(),
                List.of(), List.of(), List.of());
    }

    private static final Map<String, DirectoryState> SCHOOLS = Map.of(
            "north", school("north", "N-S1", "Sam", "Shaw", "Mother"),
            "south", school("south", "S-S1", "Kim", "Kerr", "Mother"));

    private final ProviderServer server = new ProviderServer(new SchoolSource() {
        @Override
        public DirectoryState load(String schoolId) {
            return SCHOOLS.get(schoolId);
        }

        @Override
        public School school(String schoolId) {
            return new School(schoolId, schoolId, ZoneId.of("Europe/London"));
        }

        @Override
        public Instant lastModified(String schoolId) {
            return TwoSchools.SYNCED;
        }
    });

    DistrictUsersHttpTest() throws Exception {
        server.client("district", SECRET, "north,south", "roster.readonly", 600);
        server.client("north-app", "north-secret-0123456789-abcdefghi", "north", "roster.readonly", 600);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static List<String> texts(JsonNode nodes, String pointer) {
        List<String> texts = new ArrayList<>();
        nodes.forEach(n -> texts.add(n.at(pointer).asText()));
        return texts;
    }

    @Test
    void aParentOfChildrenInTwoOfTheDistrictsSchoolsIsOneUserWithARoleAtEach() throws Exception {
        String token = server.bearer("district", SECRET);
        JsonNode users = json(server.get("/users", token)).get("users");
        // N-S1, S-S1, P-1 once, P-2 twice (two people): 5
        assertThat(texts(users, "/sourcedId")).containsExactly("N-S1", "P-1", "P-2", "P-2", "S-S1");

        JsonNode pat = json(server.get("/users/P-1", token)).get("user");
        assertThat(texts(pat.get("roles"), "/org/sourcedId")).containsExactly("north", "south");
        assertThat(texts(pat.get("roles"), "/role")).containsExactly("parent", "parent");
        assertThat(texts(pat.get("agents"), "/sourcedId")).containsExactly("N-S1", "S-S1");
        assertThat(texts(pat.at("/metadata/misbridge.contactOf"), "/studentSourcedId")).containsExactly("N-S1", "S-S1");
        assertThat(pat.at("/primaryOrg/sourcedId").asText()).isEqualTo("north");
        assertThat(pat.get("email").asText()).isEqualTo("pat@home.example");
        assertThat(pat.get("username").asText()).isEqualTo("pat@home.example");
        // the list holds the same merged record, and a school's filter finds her through her role there
        assertThat(users.get(1)).isEqualTo(pat);
        assertThat(texts(json(server.get("/users?filter=roles.org.sourcedId%3D%27south%27", token)).get("users"),
                "/sourcedId")).containsExactly("P-1", "P-2", "S-S1");

        // P-2 names two different people: each school's record, as it is
        assertThat(texts(users, "/familyName")).contains("Shaw", "Kerr");
    }

    @Test
    void aClientOfOneSchoolSeesOnlyThatSchoolsRole() throws Exception {
        JsonNode pat = json(server.get("/users/P-1", server.bearer("north-app", "north-secret-0123456789-abcdefghi")))
                .get("user");
        assertThat(texts(pat.get("roles"), "/org/sourcedId")).containsExactly("north");
        assertThat(texts(pat.get("agents"), "/sourcedId")).containsExactly("N-S1");
    }
}
