package org.misbridge.oneroster.provider.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.misbridge.oneroster.provider.internal.http.ProviderServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.misbridge.api.directory.AuditRecord;

/**
 * {@code schools/{id}/bulk.zip} over real HTTP: a full-scope client gets its school's OneRoster 1.2
 * bulk CSV set, and the download is in the school's audit trail (a real store on H2); a core token is
 * 403, no token 401, another school 404 with the audit line, and a refusal is never in the trail.
 */
class BulkDownloadHttpTest {
    private static final String HILL_SECRET = "hill-secret-0123456789-abcdefghij";
    private static final String DISTRICT_SECRET = "district-secret-0123456789-abcdefg";
    private final ProviderServer server;
    /** The server's clock, which stands still unless a test moves it: the time downloads are audited at. */
    private final Instant now;

    BulkDownloadHttpTest() throws Exception {
        server = new ProviderServer();
        now = server.clock.instant();
        server.client("hill-app", HILL_SECRET, "hill", "roster.readonly", 600);
        server.client("vale-core", "vale-secret-0123456789-abcdefghij", "vale", "roster-core.readonly", 600);
        server.client("district", DISTRICT_SECRET, "hill,vale", "roster.readonly", 600);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /** A CSV row of the 23 users.csv columns from the cells that are not blank, by column. */
    private static String user(String id, String username, String given, String family, String email, String mobile,
            String agents, String grades, String org) {
        List<String> cells = new ArrayList<>(List.of(id, "", "", "true", username, "", given, family, "", "", email, mobile,
                mobile, agents, grades, "", "", "", "", "", "", org, ""));
        return String.join(",", cells);
    }

    private static Map<String, String> unzip(byte[] zip) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    @Test
    void aFullScopeClientDownloadsItsSchoolsSetAndTheDownloadIsAudited() throws Exception {
        String token = server.bearer("hill-app", HILL_SECRET);
        PrintStream err = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        HttpResponse<byte[]> response;
        try {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            response = server.download("/schools/hill/bulk.zip", token);
        } finally {
            System.setErr(err);
        }
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"hill-oneroster.zip\"");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");

        Map<String, String> files = unzip(response.body());
        assertThat(files.keySet()).containsExactly("manifest.csv", "orgs.csv", "academicSessions.csv", "courses.csv",
                "classes.csv", "users.csv", "roles.csv", "enrollments.csv");
        // the 1.2 manifest: the files the directory fills are bulk, the other 1.2 files absent
        Map<String, String> manifest = new LinkedHashMap<>();
        List<String> lines = files.get("manifest.csv").lines().toList();
        assertThat(lines.get(0)).isEqualTo("propertyName,value");
        lines.stream().skip(1).map(l -> l.split(",", 2)).forEach(p -> manifest.put(p[0], p[1]));
        assertThat(manifest).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(Map.entry("manifest.version", "1.0"),
                Map.entry("oneroster.version", "1.2"), Map.entry("file.academicSessions", "bulk"),
                Map.entry("file.categories", "absent"), Map.entry("file.classes", "bulk"),
                Map.entry("file.classResources", "absent"), Map.entry("file.courseResources", "absent"),
                Map.entry("file.courses", "bulk"), Map.entry("file.demographics", "absent"),
                Map.entry("file.enrollments", "bulk"), Map.entry("file.lineItems", "absent"), Map.entry("file.orgs", "bulk"),
                Map.entry("file.resources", "absent"), Map.entry("file.results", "absent"), Map.entry("file.roles", "bulk"),
                Map.entry("file.userProfiles", "absent"), Map.entry("file.users", "bulk"),
                Map.entry("source.systemName", "MIS Bridge"), Map.entry("source.systemCode", "hill")));
        // hill's six users (TwoSchools), worked out by hand: the mother first, then students, then teachers;
        // the username is the email where there is one, else the sourcedId; CRLF line ends
        assertThat(files.get("users.csv")).isEqualTo(String.join("\r\n",
                "sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,"
                        + "email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,resourceSourcedIds,"
                        + "preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns",
                user("H-P1", "pat@home.example", "Pat", "Lovelace", "pat@home.example", "07700900123", "H-S1", "", "hill"),
                user("H-S1", "H-S1", "Ada", "Lovelace", "", "", "H-P1", "07", "hill"),
                user("H-S2", "H-S2", "Bo", "Byron", "", "", "", "07", "hill"),
                user("H-S3", "H-S3", "Cy", "Cole", "", "", "", "07", "hill"),
                user("H-T1", TwoSchools.T1_EMAIL, "Tom", "One", TwoSchools.T1_EMAIL, "", "", "", "hill"),
                user("H-T2", "t.two@hill.example", "Tia", "Two", "t.two@hill.example", "", "", "", "hill")) + "\r\n");
        // classes MATH, ART and 7A (not the inactive club): 3 + 2 + 4 enrolments
        assertThat(files.get("enrollments.csv").lines().count()).isEqualTo(1 + 9);
        assertThat(files.get("orgs.csv").lines().skip(1).toList()).containsExactly("hill,,,Hill School,school,,");

        assertThat(server.trail.auditTrail("hill", 10))
                .containsExactly(new AuditRecord(now, "hill-app", "oneroster bulk.zip", "schools/hill/bulk.zip", 6));
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("user=hill-app school=hill action=oneroster bulk.zip target=schools/hill/bulk.zip count=6")
                .doesNotContain(token).doesNotContain(HILL_SECRET);
    }

    @Test
    void aDistrictClientDownloadsEachOfItsSchools() throws Exception {
        String token = server.bearer("district", DISTRICT_SECRET);
        Map<String, String> vale = unzip(server.download("/schools/vale/bulk.zip", token).body());
        assertThat(vale.get("users.csv").lines().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList())
                .containsExactly("V-S1", "V-T1");
        assertThat(vale.get("users.csv")).doesNotContain("H-S1");
        assertThat(server.trail.auditTrail("vale", 10))
                .containsExactly(new AuditRecord(now, "district", "oneroster bulk.zip", "schools/vale/bulk.zip", 2));
        assertThat(server.trail.auditTrail("hill", 10)).isEmpty();
    }

    @Test
    void refusalsCarryTheImsxPayloadAndAreNeverInTheTrail() throws Exception {
        HttpResponse<String> none = server.get("/schools/hill/bulk.zip", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(codeMinor(none)).isEqualTo("unauthorisedrequest");

        HttpResponse<String> core = server.get("/schools/vale/bulk.zip", server.bearer("vale-core",
                "vale-secret-0123456789-abcdefghij"));
        assertThat(core.statusCode()).isEqualTo(403);
        assertThat(codeMinor(core)).isEqualTo("forbidden");
        assertThat(json(core).get("imsx_description").asText()).contains("roster.readonly");

        String hill = server.bearer("hill-app", HILL_SECRET);
        PrintStream err = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        HttpResponse<String> other;
        HttpResponse<String> nowhere;
        try {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            other = server.get("/schools/vale/bulk.zip", hill);
            nowhere = server.get("/schools/nowhere/bulk.zip", hill);
        } finally {
            System.setErr(err);
        }
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(codeMinor(other)).isEqualTo("unknownobject");
        // the same answer as a school no one has, so a 404 confirms nothing
        assertThat(json(nowhere).get("imsx_description").asText())
                .isEqualTo(json(other).get("imsx_description").asText().replace("vale", "nowhere"));
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("OneRoster client hill-app asked for schools/vale of school vale, which it may not read: answered 404");

        HttpResponse<String> withParameters = server.get("/schools/hill/bulk.zip?limit=5", hill);
        assertThat(withParameters.statusCode()).isEqualTo(400);
        assertThat(codeMinor(withParameters)).isEqualTo("invaliddata");

        assertThat(server.trail.auditTrail("hill", 10)).isEmpty();
        assertThat(server.trail.auditTrail("vale", 10)).isEmpty();
    }

    private static String codeMinor(HttpResponse<String> response) throws Exception {
        JsonNode info = json(response);
        assertThat(info.get("imsx_codeMajor").asText()).isEqualTo("failure");
        return info.at("/imsx_CodeMinor/imsx_codeMinorField/0/imsx_codeMinorFieldValue").asText();
    }
}
