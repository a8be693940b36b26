package org.misbridge.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The assembly as a OneRoster 1.2 provider: two schools (the demo school and a generated one), two
 * clients, each bound to one school, their secrets in files. No token is 401, a scope the client lacks
 * is 403, another school's records are never readable (and the attempts are audited), a delta has
 * what changed and what was deleted, and neither secret shows in the log or in a command's output.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OneRosterServedIT extends MisBridgeTestSupport {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String DEMO_SECRET = "demo-app-secret-Qx7pL2mN9vB4kR8w";
    private static final String VALE_SECRET = "vale-core-secret-Zt5yH3cF6jD1sG0e";
    private static final String FULL = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly";

    @Configuration
    public Option[] config() {
        return with(baseOptions(), GeneratedSchoolOptions.generate("org-vale", 40, 22L));
    }

    private static String root() {
        return "http://127.0.0.1:" + System.getProperty("it.http.port") + "/ims/oneroster";
    }

    private static HttpResponse<String> token(String id, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(root() + "/oauth/token")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root() + "/rostering/v1p2" + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String filter(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String codeMinor(HttpResponse<String> response) {
        return json(response.body()).at("/imsx_CodeMinor/imsx_codeMinorField/0/imsx_codeMinorFieldValue").asText();
    }

    @Test
    public void twoSchoolsTwoClientsEachReadsOnlyItsOwn() throws Exception {
        Path folder = Path.of(System.getProperty("it.school.path"));
        dropConfig("org.misbridge.mis.oneroster-vale.cfg", "school.id=vale\ncsv.path=" + folder + "\norg.sourcedId="
                + System.getProperty("it.school.org") + "\n");
        dropConfig("org.misbridge.sync-vale.cfg", "school.id=vale\nschool.name=Vale Primary\nreader.target=(school.id=vale)\n");
        awaitSchoolsRunning("demo", "vale");
        executeCommand("school:sync vale");
        awaitOutput("school:status demo --json", out -> out.contains("SUCCESS"));

        executeCommand("feature:install misbridge-oneroster-provider");
        Files.writeString(etc().resolve("oneroster-demo-app.secret"), DEMO_SECRET + "\n", StandardCharsets.UTF_8);
        Files.writeString(etc().resolve("oneroster-vale-core.secret"), VALE_SECRET + "\n", StandardCharsets.UTF_8);
        dropConfig("org.misbridge.oneroster.client-demo-app.cfg", "client.id=demo-app\nschools=demo\n"
                + "scopes=roster.readonly\nclientSecretFile=etc/oneroster-demo-app.secret\n");
        dropConfig("org.misbridge.oneroster.client-vale-core.cfg", "client.id=vale-core\nschools=vale\n"
                + "scopes=roster-core.readonly\nclientSecretFile=etc/oneroster-vale-core.secret\n");

        // ask for tokens only once both clients are configured: a token asked for an id not configured yet
        // counts as a failure, and five of them lock the id for 15 minutes, as they should
        awaitOutput("school:oneroster-clients list --json", out -> out.contains("\"demo-app\"") && out.contains("\"vale-core\""));
        HttpResponse<?>[] first = {null};
        Awaitility.await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                .until(() -> (first[0] = token("demo-app", DEMO_SECRET)).statusCode() == 200);
        String demo = json((String) first[0].body()).get("access_token").asText();
        assertEquals(FULL, json((String) first[0].body()).get("scope").asText());
        HttpResponse<String> valeToken = token("vale-core", VALE_SECRET);
        assertEquals(valeToken.body(), 200, valeToken.statusCode());
        String vale = json(valeToken.body()).get("access_token").asText();

        // no token, a wrong secret
        HttpResponse<String> anonymous = get("/users", null);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals("unauthorisedrequest", codeMinor(anonymous));
        assertEquals(401, token("demo-app", VALE_SECRET).statusCode());

        // a scope the client lacks: the core client reads no demographics and no contact details
        HttpResponse<String> demographics = get("/demographics", vale);
        assertEquals(demographics.body(), 403, demographics.statusCode());
        assertEquals("forbidden", codeMinor(demographics));
        HttpResponse<String> valeUsers = get("/users?limit=5000", vale);
        assertEquals(valeUsers.body(), 200, valeUsers.statusCode());
        assertFalse(valeUsers.body(), valeUsers.body().contains("\"email\""));

        // each client sees its own school only
        assertEquals("[\"demo\"]", ids(get("/orgs", demo), "orgs"));
        assertEquals("[\"vale\"]", ids(get("/orgs", vale), "orgs"));
        HttpResponse<String> demoUsers = get("/users?filter=" + filter("primaryOrg.sourcedId='demo'") + "&limit=1", demo);
        assertTrue(demoUsers.body(), Integer.parseInt(demoUsers.headers().firstValue("X-Total-Count").orElseThrow()) > 0);
        assertEquals("0", get("/users?filter=" + filter("primaryOrg.sourcedId!='demo'"), demo)
                .headers().firstValue("X-Total-Count").orElseThrow());

        // another school's records are unknown, however they are asked for, and the attempt is audited
        String valeStudent = json(get("/students?limit=1", vale).body()).get("users").get(0).get("sourcedId").asText();
        String valeClass = json(get("/classes?limit=1", vale).body()).get("classes").get(0).get("sourcedId").asText();
        for (String path : new String[] {"/users/" + valeStudent, "/students/" + valeStudent, "/classes/" + valeClass,
            "/classes/" + valeClass + "/students", "/schools/vale", "/schools/vale/students", "/orgs/vale"}) {
            HttpResponse<String> refused = get(path, demo);
            assertEquals(path + ": " + refused.body(), 404, refused.statusCode());
            assertEquals("unknownobject", codeMinor(refused));
        }
        assertEquals("0", get("/enrollments?filter=" + filter("school.sourcedId='vale'"), demo)
                .headers().firstValue("X-Total-Count").orElseThrow());
        assertEquals(200, get("/users/" + valeStudent, vale).statusCode()); // it is there, for its own school's client

        // the calls a large consumer makes: a teacher by email, their classes, each class's students
        JsonNode teacher = null;
        for (JsonNode t : json(get("/teachers?limit=5000", demo).body()).get("users")) {
            if (t.has("email") && teacher == null) {
                teacher = t;
            }
        }
        String email = teacher.get("email").asText();
        JsonNode found = json(get("/teachers?filter=" + filter("email='" + email + "'"), demo).body()).get("users");
        assertEquals(teacher.get("sourcedId").asText(), found.get(0).get("sourcedId").asText());
        JsonNode classes = json(get("/teachers/" + teacher.get("sourcedId").asText() + "/classes?filter="
                + filter("status='active'"), demo).body()).get("classes");
        for (JsonNode c : classes) {
            HttpResponse<String> students = get("/classes/" + c.get("sourcedId").asText() + "/students", demo);
            assertEquals(students.body(), 200, students.statusCode());
        }

        // a filtered listing paged as a consumer pages it gives the students /students gives, page after page
        List<String> students = sourcedIds(get("/students?limit=5000", demo), "users");
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < students.size(); offset += 100) {
            paged.addAll(sourcedIds(get("/users?limit=100&offset=" + offset + "&filter=" + filter("roles.role='student'"), demo),
                    "users"));
        }
        assertEquals(students, paged);
        // a sorted listing is kept for its next pages, and a class made by hand shows in it at the next request
        int classCount = sourcedIds(get("/classes?limit=5000", demo), "classes").size();
        assertEquals(String.valueOf(classCount), get("/classes?sort=title&limit=1", demo).headers()
                .firstValue("X-Total-Count").orElseThrow());

        // a delta: a class made by hand shows at the next request with its enrolment, and once deleted,
        // both come as tobedeleted; a delta from before the log began is refused
        String since = "?filter=" + filter("dateLastModified>'" + latest(get("/classes?limit=5000", demo), "classes") + "'");
        String pupil = json(get("/students?limit=1", demo).body()).get("users").get(0).get("sourcedId").asText();
        executeCommand("school:group demo create ITCLUB IT club");
        executeCommand("school:group demo add ITCLUB " + pupil);
        assertEquals(String.valueOf(classCount + 1), get("/classes?sort=title&limit=1", demo).headers()
                .firstValue("X-Total-Count").orElseThrow());
        assertEquals("[\"ITCLUB active\"]", shown(get("/classes" + since, demo), "classes"));
        assertEquals("[\"ITCLUB:" + pupil + " active\"]", shown(get("/enrollments" + since, demo), "enrollments"));
        executeCommand("school:group demo delete ITCLUB --yes");
        assertEquals("[\"ITCLUB tobedeleted\"]", shown(get("/classes" + since, demo), "classes"));
        assertEquals("[\"ITCLUB:" + pupil + " tobedeleted\"]", shown(get("/enrollments" + since, demo), "enrollments"));
        HttpResponse<String> tooOld = get("/users?filter=" + filter("dateLastModified>'2020-01-01'"), demo);
        assertEquals(tooOld.body(), 422, tooOld.statusCode());
        assertEquals("invaliddata", codeMinor(tooOld));

        // the audit trail names the client and the school; no secret is in the log or in a command's output
        Path log = Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log, StandardCharsets.UTF_8)
                .contains("OneRoster client demo-app asked for users/" + valeStudent + " of school vale"));
        String logged = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(logged.contains("OneRoster client demo-app asked for schools/vale of school vale"));
        assertTrue(logged.contains("OneRoster token refused to client demo-app"));
        // the clients as an operator lists them: schools, scopes, live tokens and use, never a secret or a token
        String listed = executeCommandAs("operator", "school:oneroster-clients list --json", "operator", "viewer");
        JsonNode clients = json(listed).get("clients");
        assertEquals(listed, 2, clients.size());
        assertEquals("demo-app", clients.get(0).get("client").asText());
        assertEquals("[\"demo\"]", clients.get(0).get("schools").toString());
        assertEquals(listed, 1, clients.get(0).get("liveTokens").asInt());
        assertTrue(listed, clients.get(0).get("requestsToday").asLong() >= 10);
        assertEquals("vale-core", clients.get(1).get("client").asText());
        // school:status names the clients that read the school, with their requests today
        JsonNode servedTo = json(executeCommand("school:status vale --json")).get("servedTo");
        assertEquals(servedTo.toString(), "vale-core", servedTo.get(0).get("client").asText());
        assertTrue(servedTo.toString(), servedTo.get(0).get("requestsToday").asLong() >= 4);

        // revoking is an admin's: the live token ends at once (the next call is 401), and it is in the audit trail
        String revoked = executeCommand("school:oneroster-clients revoke demo-app");
        assertTrue(revoked, revoked.contains("Ended 1 live token(s) of OneRoster client demo-app"));
        assertEquals(401, get("/orgs", demo).statusCode());
        assertTrue(executeCommand("school:audit --json demo").contains("oneroster-clients revoke"));
        assertEquals(0, json(executeCommand("school:oneroster-clients list --json")).get("clients").get(0).get("liveTokens").asInt());

        // the metrics count the requests by route template and status, and each client's
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> metrics().contains(
                "endpoint=\"/rostering/v1p2/users/{id}\",service=\"oneroster\",status=\"404\""));
        String metrics = metrics();
        assertTrue(metrics, metrics.contains("misbridge_served_requests_total{endpoint=\"/rostering/v1p2/orgs\",service=\"oneroster\",status=\"401\"}"));
        assertTrue(metrics, metrics.contains("misbridge_served_request_duration_seconds_count{endpoint=\"/rostering/v1p2/teachers/{id}/classes\""));
        assertTrue(metrics, metrics.contains("misbridge_served_client_requests_total{client=\"vale-core\",service=\"oneroster\"}"));
        assertFalse(metrics, metrics.contains(valeStudent));

        for (String output : new String[] {logged, executeCommand("config:list '(service.factoryPid=org.misbridge.oneroster.client)'"),
            executeCommand("scr:list"), executeCommand("service:list"), listed, revoked, metrics}) {
            assertFalse(output.contains(DEMO_SECRET));
            assertFalse(output.contains(VALE_SECRET));
            assertFalse(output.contains(demo));
            assertFalse(output.contains(vale));
        }
    }

    /** /misbridge/metrics as a viewer reads it. */
    private static String metrics() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(misbridgeUrl() + "/metrics")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("viewer:viewer".getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The records as ["sourcedId status", …]. */
    private static String shown(HttpResponse<String> response, String key) {
        StringBuilder shown = new StringBuilder("[");
        for (JsonNode record : json(response.body()).get(key)) {
            shown.append(shown.length() > 1 ? "," : "").append('"').append(record.get("sourcedId").asText()).append(' ')
                    .append(record.get("status").asText()).append('"');
        }
        return shown.append(']').toString();
    }

    /** The latest dateLastModified of the records: the T a consumer keeps for its next delta. */
    private static String latest(HttpResponse<String> response, String key) {
        String latest = "";
        for (JsonNode record : json(response.body()).get(key)) {
            String modified = record.get("dateLastModified").asText();
            latest = modified.compareTo(latest) > 0 ? modified : latest;
        }
        return latest;
    }

    private static List<String> sourcedIds(HttpResponse<String> response, String key) {
        assertEquals(response.body(), 200, response.statusCode());
        List<String> ids = new ArrayList<>();
        json(response.body()).get(key).forEach(record -> ids.add(record.get("sourcedId").asText()));
        return ids;
    }

    private static String ids(HttpResponse<String> response, String key) {
        StringBuilder ids = new StringBuilder("[");
        for (JsonNode record : json(response.body()).get(key)) {
            ids.append(ids.length() > 1 ? "," : "").append('"').append(record.get("sourcedId").asText()).append('"');
        }
        return ids.append(']').toString();
    }
}
