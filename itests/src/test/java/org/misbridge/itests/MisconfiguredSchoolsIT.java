package org.misbridge.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Issue 19, item 5: a school whose files were refused, or that has no reader, does not vanish. It shows in
 * school:list, school:health, /misbridge/health and the metrics as MISCONFIGURED or NO_READER with the key and
 * what was wrong (never a secret), and the host's overall health is not ok while it does.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MisconfiguredSchoolsIT extends MisBridgeTestSupport {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String SECRET = "plain-Secret-7f3a91-must-not-show";

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    @Test
    public void everyMisconfiguredSchoolShowsEverywhereWithWhatIsWrong() throws Exception {
        awaitOutput("school:status demo --json", out -> out.contains("SUCCESS"));
        // an invalid schedule
        dropConfig("org.misbridge.mis.oneroster-badschedule.cfg", "school.id=badschedule\ncsv.path=demo/oneroster\n");
        dropConfig("org.misbridge.sync-badschedule.cfg",
                "school.id=badschedule\nreader.target=(school.id=badschedule)\nschedule=whenever it suits\n");
        // a credential written into the file, which ConfigAdmin would show
        dropConfig("org.misbridge.mis.oneroster-inline.cfg", "school.id=inline\nmode=rest\n"
                + "rest.baseUrl=https://mis.example.org/ims/oneroster/v1p1\nrest.tokenUrl=https://mis.example.org/token\n"
                + "rest.clientId=client\nrest.clientSecret=" + SECRET + "\n");
        dropConfig("org.misbridge.sync-inline.cfg", "school.id=inline\nreader.target=(school.id=inline)\nschedule=\n");
        // a base URL that is not one
        dropConfig("org.misbridge.mis.oneroster-badurl.cfg", "school.id=badurl\nmode=rest\n"
                + "rest.baseUrl=ftp://user:" + SECRET + "@mis.example.org\nrest.tokenFile=etc/nosuch\n");
        dropConfig("org.misbridge.sync-badurl.cfg", "school.id=badurl\nreader.target=(school.id=badurl)\nschedule=\n");
        // a reader whose feature is not installed (the assembly has misbridge-mis-wonde, not started)
        dropConfig("org.misbridge.mis.wonde-nowonde.cfg", "school.id=nowonde\nwonde.schoolId=A1\nwonde.tokenFile=etc/nosuch\n");
        dropConfig("org.misbridge.sync-nowonde.cfg", "school.id=nowonde\nreader.target=(school.id=nowonde)\nschedule=\n");
        // a sync with no reader file at all
        dropConfig("org.misbridge.sync-alone.cfg", "school.id=alone\nreader.target=(school.id=alone)\nschedule=\n");

        JsonNode health = json(awaitOutput("school:health --json", out -> out.contains("\"alone\"")
                && out.contains("\"badschedule\"") && out.contains("\"inline\"") && out.contains("\"badurl\"")
                && out.contains("\"nowonde\"")));
        assertState(health, "badschedule", "MISCONFIGURED", "etc/org.misbridge.sync-badschedule.cfg is refused", "schedule");
        assertState(health, "inline", "MISCONFIGURED", "etc/org.misbridge.mis.oneroster-inline.cfg is refused", "rest.clientSecret");
        assertState(health, "badurl", "MISCONFIGURED", "etc/org.misbridge.mis.oneroster-badurl.cfg is refused", "rest.baseUrl");
        assertState(health, "nowonde", "NO_READER", "the feature misbridge-mis-wonde is not installed",
                "feature:install misbridge-mis-wonde");
        assertState(health, "alone", "NO_READER", "no MIS reader is configured for school alone",
                "etc/org.misbridge.mis.oneroster-alone.cfg");
        assertState(health, "demo", "OK", null, null);

        String list = executeCommand("school:list");
        for (String school : new String[] {"badschedule", "inline", "badurl", "nowonde", "alone", "demo"}) {
            assertTrue(list, list.contains(school));
        }
        assertTrue(list, list.contains("MISCONFIGURED") && list.contains("NO_READER"));
        JsonNode listed = json(executeCommand("school:list --json"));
        assertEquals(6, listed.size());
        // a sync asked for through the service says why it cannot run (the command's own check is school:*'s)
        try {
            syncService.sync("badschedule");
            throw new AssertionError("a MISCONFIGURED school synced");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("MISCONFIGURED") && e.getMessage().contains("schedule"));
        }
        // ... and so does the command, instead of saying no such school is configured
        assertContains(executeFailingCommand("school:sync badschedule"), "School 'badschedule' is not running: MISCONFIGURED",
                "schedule");

        // the endpoint: the school's state and cause, and an overall status that is not ok
        HttpResponse<String> all = get("/health");
        assertEquals(200, all.statusCode());
        JsonNode body = json(all.body());
        assertEquals("failing", body.get("status").asText());
        HttpResponse<String> one = get("/health?school=nowonde");
        assertEquals("NO_READER", json(one.body()).get("schools").get(0).get("state").asText());
        // an id no file names: a JSON 404 a monitor can parse, not the container's HTML page
        HttpResponse<String> none = get("/health?school=nosuch");
        assertEquals(404, none.statusCode());
        assertTrue(none.headers().firstValue("Content-Type").orElse(""), none.headers().firstValue("Content-Type")
                .orElse("").startsWith("application/json"));
        assertEquals("unknown", json(none.body()).get("status").asText());
        String metrics = get("/metrics").body();
        assertTrue(metrics, metrics.contains("misbridge_school_health{school=\"badschedule\",state=\"misconfigured\"} 1.0"));
        assertTrue(metrics, metrics.contains("misbridge_school_health{school=\"nowonde\",state=\"no_reader\"} 1.0"));

        // no secret anywhere an operator looks
        for (String seen : new String[] {list, executeCommand("school:list --json"), executeCommand("school:health"),
            health.toString(), all.body(), metrics}) {
            assertFalse(seen, seen.contains(SECRET));
        }

        // fixed files: the school starts by itself and the host is healthy again
        dropConfig("org.misbridge.sync-badschedule.cfg",
                "school.id=badschedule\nreader.target=(school.id=badschedule)\nschedule=06:30\n");
        for (String school : new String[] {"inline", "badurl", "nowonde", "alone"}) {
            java.nio.file.Files.deleteIfExists(etc().resolve("org.misbridge.sync-" + school + ".cfg"));
        }
        for (String reader : new String[] {"mis.oneroster-inline", "mis.oneroster-badurl", "mis.wonde-nowonde"}) {
            java.nio.file.Files.deleteIfExists(etc().resolve("org.misbridge." + reader + ".cfg"));
        }
        awaitOutput("school:health --json", out -> !out.contains("MISCONFIGURED") && !out.contains("NO_READER")
                && out.contains("\"badschedule\""));
        assertTrue(executeCommand("school:sync badschedule").contains("Synced badschedule"));
    }

    @Test
    public void theArgumentHelpOfSyncAndStatusDescribesOnlyWhatTheyTake() {
        for (String command : new String[] {"school:sync --help", "school:status --help"}) {
            String help = executeCommand(command);
            assertTrue(help, help.contains("--json"));
            assertFalse(help, help.contains("contacts, groups, meals") || help.contains("school:pause"));
        }
    }

    private static void assertState(JsonNode health, String school, String state, String causeStart, String causeHas) {
        for (JsonNode h : health) {
            if (h.get("school").asText().equals(school)) {
                assertEquals(h.toString(), state, h.get("state").asText());
                if (causeStart != null) {
                    String cause = h.get("cause").asText();
                    assertTrue(cause, cause.contains(causeStart) && cause.contains(causeHas));
                }
                return;
            }
        }
        throw new AssertionError("no " + school + " in " + health);
    }

    /**
     * A GET as a monitor makes it. Once in a CI run (2 forks, loaded machine) the connection closed before an
     * answer (EOFException, no container log line, not reproduced in 7 runs under load): a monitor would scrape
     * again, so this asks once more and prints the first failure, which stays in the test's output.
     */
    private static HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(misbridgeUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("viewer:viewer".getBytes(
                        StandardCharsets.UTF_8))).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException first) {
            System.out.println("GET " + path + " failed once, asked again: " + first);
            Thread.sleep(1000);
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
