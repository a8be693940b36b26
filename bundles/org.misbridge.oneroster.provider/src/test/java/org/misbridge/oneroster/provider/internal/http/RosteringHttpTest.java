package org.misbridge.oneroster.provider.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.misbridge.oneroster.provider.internal.http.ProviderServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rostering service over real HTTP: what a consumer sees with a token for its schools, and what
 * it gets for everything else. Hill's client reads only hill; the district's reads hill and vale.
 */
class RosteringHttpTest {
    private static final String HILL_SECRET = "hill-secret-0123456789-abcdefghij";
    private final ProviderServer server;
    private final String hill;

    RosteringHttpTest() throws Exception {
        server = new ProviderServer();
        server.client("hill-app", HILL_SECRET, "hill", "roster.readonly", 600);
        server.client("vale-core", "vale-secret-0123456789-abcdefghij", "vale", "roster-core.readonly", 600);
        server.client("district", "district-secret-0123456789-abcdefg", "hill,vale", "roster.readonly", 600);
        server.client("slow", "slow-secret-0123456789-abcdefghijk", "hill", "roster.readonly", 2);
        hill = server.bearer("hill-app", HILL_SECRET);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static List<String> ids(JsonNode records) {
        List<String> ids = new ArrayList<>();
        records.forEach(r -> ids.add(r.get("sourcedId").asText()));
        return ids;
    }

    private static String codeMinor(HttpResponse<String> response) throws Exception {
        JsonNode info = json(response);
        assertThat(info.get("imsx_codeMajor").asText()).isEqualTo("failure");
        assertThat(info.get("imsx_severity").asText()).isEqualTo("error");
        return info.at("/imsx_CodeMinor/imsx_codeMinorField/0/imsx_codeMinorFieldValue").asText();
    }

    @Test
    void theCallsALargeConsumerMakes() throws Exception {
        // find the teacher by email
        HttpResponse<String> found = server.get("/teachers?filter=email%3D%27t.one%40hill.example%27", hill);
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.headers().firstValue("X-Total-Count")).hasValue("1");
        JsonNode teacher = json(found).get("users").get(0);
        assertThat(teacher.get("sourcedId").asText()).isEqualTo("H-T1");
        assertThat(teacher.get("email").asText()).isEqualTo(TwoSchools.T1_EMAIL);
        // that teacher's active classes: maths and the registration group, not the inactive club
        JsonNode classes = json(server.get("/teachers/H-T1/classes?filter=status%3D%27active%27", hill)).get("classes");
        assertThat(ids(classes)).containsExactly("7A", "MATH");
        // each class's students
        assertThat(ids(json(server.get("/classes/7A/students", hill)).get("users"))).containsExactly("H-S1", "H-S2", "H-S3");
        assertThat(ids(json(server.get("/classes/MATH/students", hill)).get("users"))).containsExactly("H-S1", "H-S2");
        assertThat(ids(json(server.get("/classes/MATH/teachers", hill)).get("users"))).containsExactly("H-T1");
    }

    @Test
    void everyEndpointAnswersWithItsRecords() throws Exception {
        assertThat(ids(json(server.get("/orgs", hill)).get("orgs"))).containsExactly("hill");
        assertThat(json(server.get("/schools/hill", hill)).get("org").get("name").asText()).isEqualTo("Hill School");
        assertThat(ids(json(server.get("/academicSessions", hill)).get("academicSessions"))).containsExactly("hill.year.2027");
        assertThat(ids(json(server.get("/terms", hill)).get("academicSessions"))).isEmpty();
        assertThat(ids(json(server.get("/courses", hill)).get("courses")))
                .containsExactly("hill.course.class", "hill.course.registration");
        assertThat(ids(json(server.get("/classes", hill)).get("classes"))).containsExactly("7A", "ART", "MATH");
        assertThat(json(server.get("/enrollments", hill)).get("enrollments")).hasSize(9);
        assertThat(json(server.get("/enrollments/MATH:H-S1", hill)).get("enrollment").get("role").asText()).isEqualTo("student");
        assertThat(ids(json(server.get("/users", hill)).get("users")))
                .containsExactly("H-P1", "H-S1", "H-S2", "H-S3", "H-T1", "H-T2");
        assertThat(ids(json(server.get("/students", hill)).get("users"))).containsExactly("H-S1", "H-S2", "H-S3");
        assertThat(ids(json(server.get("/teachers", hill)).get("users"))).containsExactly("H-T1", "H-T2");
        assertThat(json(server.get("/students/H-S1", hill)).get("user").get("givenName").asText()).isEqualTo("Ada");
        assertThat(ids(json(server.get("/students/H-S1/classes", hill)).get("classes"))).containsExactly("7A", "MATH");
        assertThat(ids(json(server.get("/users/H-T2/classes", hill)).get("classes"))).containsExactly("ART");
        assertThat(ids(json(server.get("/schools/hill/classes", hill)).get("classes"))).containsExactly("7A", "ART", "MATH");
        assertThat(ids(json(server.get("/schools/hill/students", hill)).get("users"))).containsExactly("H-S1", "H-S2", "H-S3");
        assertThat(ids(json(server.get("/schools/hill/teachers", hill)).get("users"))).containsExactly("H-T1", "H-T2");
        assertThat(json(server.get("/demographics", hill)).get("demographics")).isEmpty();
        // a student is not a teacher
        assertThat(codeMinor(server.get("/teachers/H-S1", hill))).isEqualTo("unknownobject");
    }

    @Test
    void pagesCarryTheTotalAndTheirLinks() throws Exception {
        HttpResponse<String> page = server.get("/users?limit=2&offset=2&fields=sourcedId,givenName", hill);
        assertThat(page.headers().firstValue("X-Total-Count")).hasValue("6");
        String users = server.root + "/rostering/v1p2/users?fields=sourcedId%2CgivenName&limit=2&offset=";
        assertThat(page.headers().firstValue("Link")).hasValue("<" + users + "0>; rel=\"first\", <" + users
                + "0>; rel=\"prev\", <" + users + "4>; rel=\"next\", <" + users + "4>; rel=\"last\"");
        JsonNode records = json(page).get("users");
        assertThat(ids(records)).containsExactly("H-S2", "H-S3");
        assertThat(records.get(0).size()).isEqualTo(2);
    }

    @Test
    void theStudentsPageAsTheUsersDoAndNothingButStudents() throws Exception {
        HttpResponse<String> first = server.get("/students?limit=2", hill);
        assertThat(first.headers().firstValue("X-Total-Count")).hasValue("3");
        assertThat(ids(json(first).get("users"))).containsExactly("H-S1", "H-S2");
        HttpResponse<String> last = server.get("/students?limit=2&offset=2&fields=sourcedId,givenName", hill);
        assertThat(last.headers().firstValue("X-Total-Count")).hasValue("3");
        assertThat(ids(json(last).get("users"))).containsExactly("H-S3");
        assertThat(json(last).get("users").get(0).size()).isEqualTo(2);
        assertThat(ids(json(server.get("/students?limit=2&offset=3", hill)).get("users"))).isEmpty();
        assertThat(ids(json(server.get("/teachers?limit=1&offset=1", hill)).get("users"))).containsExactly("H-T2");
        // a filter or a sort still picks and orders from every student
        assertThat(ids(json(server.get("/students?sort=givenName&limit=3", hill)).get("users"))).hasSize(3);
    }

    @Test
    void noTokenOrABadOneIs401WithTheChallenge() throws Exception {
        for (String token : new String[] {null, "not-a-token", hill + "x"}) {
            HttpResponse<String> response = server.get("/users", token);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
            assertThat(codeMinor(response)).isEqualTo("unauthorisedrequest");
            assertThat(response.body()).doesNotContain("H-S1");
        }
    }

    @Test
    void theCoreScopeHidesContactDetailsAndDemographics() throws Exception {
        String core = server.bearer("vale-core", "vale-secret-0123456789-abcdefghij");
        JsonNode teacher = json(server.get("/users/V-T1", core)).get("user");
        assertThat(teacher.has("email")).isFalse();
        assertThat(teacher.get("username").asText()).isEqualTo("V-T1");
        assertThat(server.get("/users", core).body()).doesNotContain("vic@vale.example");
        HttpResponse<String> demographics = server.get("/demographics", core);
        assertThat(demographics.statusCode()).isEqualTo(403);
        assertThat(codeMinor(demographics)).isEqualTo("forbidden");
        // nor can a filter, a sort or a selection find them out
        HttpResponse<String> byEmail = server.get("/users?filter=email~%27vic%27", core);
        assertThat(byEmail.statusCode()).isEqualTo(400);
        assertThat(codeMinor(byEmail)).isEqualTo("invalid_filter_field");
        assertThat(json(byEmail).get("imsx_description").asText()).contains("roster-core.readonly");
        assertThat(codeMinor(server.get("/users?sort=email", core))).isEqualTo("invalid_sort_field");
        assertThat(codeMinor(server.get("/users?fields=phone", core))).isEqualTo("invalid_selection_field");
    }

    @Test
    void anotherSchoolsRecordsAreUnknownAndTheAttemptIsAudited() throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<HttpResponse<String>> refused = new ArrayList<>();
        try {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            for (String path : new String[] {"/classes/V-MATH", "/users/V-S1", "/schools/vale", "/orgs/vale",
                "/schools/vale/students", "/classes/V-MATH/students", "/teachers/V-T1/classes"}) {
                refused.add(server.get(path, hill));
            }
        } finally {
            System.setErr(err);
        }
        for (HttpResponse<String> response : refused) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(codeMinor(response)).isEqualTo("unknownobject");
            assertThat(response.body()).doesNotContain("Vale School").doesNotContain("Vane");
        }
        // an id no school has gets the same answer, so a 404 does not confirm that a record exists elsewhere
        assertThat(json(server.get("/classes/NOWHERE", hill)).get("imsx_description").asText())
                .isEqualTo(json(server.get("/classes/V-MATH", hill)).get("imsx_description").asText()
                        .replace("V-MATH", "NOWHERE"));
        String audit = log.toString(StandardCharsets.UTF_8);
        assertThat(audit).contains("OneRoster client hill-app asked for classes/V-MATH of school vale");
        assertThat(audit).contains("OneRoster client hill-app asked for teachers/V-T1 of school vale");
        assertThat(audit.lines().filter(l -> l.contains("asked for")).count()).isEqualTo(7);
        assertThat(audit).doesNotContain(HILL_SECRET).doesNotContain(hill);
        // collections never hold another school's records
        assertThat(server.get("/users", hill).body()).doesNotContain("V-S1");
        assertThat(server.get("/enrollments?filter=school.sourcedId%3D%27vale%27", hill).headers()
                .firstValue("X-Total-Count")).hasValue("0");
    }

    @Test
    void aDistrictClientReadsAllItsSchoolsAsOne() throws Exception {
        String district = server.bearer("district", "district-secret-0123456789-abcdefg");
        assertThat(ids(json(server.get("/schools", district)).get("orgs"))).containsExactly("hill", "vale");
        assertThat(server.get("/users", district).headers().firstValue("X-Total-Count")).hasValue("8");
        assertThat(ids(json(server.get("/schools/vale/classes", district)).get("classes"))).containsExactly("V-MATH");
        assertThat(ids(json(server.get("/teachers?filter=primaryOrg.sourcedId%3D%27vale%27", district)).get("users")))
                .containsExactly("V-T1");
    }

    @Test
    void tooManyRequestsAre429WithRetryAfter() throws Exception {
        String slow = server.bearer("slow", "slow-secret-0123456789-abcdefghijk");
        assertThat(server.get("/orgs", slow).statusCode()).isEqualTo(200);
        assertThat(server.get("/orgs", slow).statusCode()).isEqualTo(200);
        HttpResponse<String> busy = server.get("/orgs", slow);
        assertThat(busy.statusCode()).isEqualTo(429);
        // two a minute: the next one in 30 seconds
        assertThat(busy.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(codeMinor(busy)).isEqualTo("server_busy");
        // another client is not slowed by it
        assertThat(server.get("/orgs", hill).statusCode()).isEqualTo(200);
        server.clock.advance(Duration.ofSeconds(30));
        assertThat(server.get("/orgs", slow).statusCode()).isEqualTo(200);
    }

    @Test
    void badRequestsAre400WithTheSpecifiedCodeMinor() throws Exception {
        HttpResponse<String> unknown = server.get("/users?page=2", hill);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(codeMinor(unknown)).isEqualTo("invaliddata");
        assertThat(json(unknown).get("imsx_description").asText()).contains("'page'");
        assertThat(codeMinor(server.get("/users?limit=1&limit=2", hill))).isEqualTo("invaliddata");
        assertThat(codeMinor(server.get("/users/H-S1?limit=1", hill))).isEqualTo("invaliddata");
        assertThat(codeMinor(server.get("/users?filter=shoeSize%3D%2742%27", hill))).isEqualTo("invalid_filter_field");
        assertThat(codeMinor(server.get("/users?limit=-1", hill))).isEqualTo("invaliddata");
        assertThat(server.get("/nothing", hill).statusCode()).isEqualTo(404);
        assertThat(codeMinor(server.get("/classes/MATH/parents", hill))).isEqualTo("unknownobject");
    }

    @Test
    void ourFaultIs500AndSaysNothingOfItsCause() throws Exception {
        server.client("unlucky", "unlucky-secret-0123456789-abcdefg", TwoSchools.BROKEN, "roster.readonly", 600);
        HttpResponse<String> failed = server.get("/users", server.bearer("unlucky", "unlucky-secret-0123456789-abcdefg"));
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(codeMinor(failed)).isEqualTo("internal_server_error");
        assertThat(failed.body()).doesNotContain("hunter2").doesNotContain("postgresql");
    }

    @Test
    void theServiceIsReadOnly() throws Exception {
        HttpResponse<String> post = server.post("/rostering/v1p2/users", "givenName=Eve", "Bearer " + hill);
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
        assertThat(codeMinor(post)).isEqualTo("invaliddata");
    }

    @Test
    void aSchoolIsReadOnceAndServedFromTheViewForAWhile() throws Exception {
        for (int i = 0; i < 5; i++) {
            server.get("/users?offset=" + i, hill);
        }
        assertThat(server.schools.loads).isEqualTo(1);
        server.clock.advance(RosterViews.TTL);
        server.get("/users", hill);
        assertThat(server.schools.loads).isEqualTo(2);
    }
}
