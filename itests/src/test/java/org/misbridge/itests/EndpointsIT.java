package org.misbridge.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.misbridge.itests.PrometheusText.Family;
import org.misbridge.itests.PrometheusText.Series;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * The host as a monitoring system and an operator see it: /misbridge/health and /misbridge/metrics
 * over real HTTP behind Karaf's JAAS login, the metrics read back by a Prometheus text-format parser
 * after a sync, a sync's progress lines, and its log lines carrying the school's id.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EndpointsIT extends MisBridgeTestSupport {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Inject
    private BundleContext bundleContext;

    @Configuration
    public Option[] config() {
        // the parser is wrapped at run time (PrometheusText); its logging API (org.jboss.logging) is pax-logging's
        return with(baseOptions(), org.ops4j.pax.exam.CoreOptions.systemProperty("prometheus.scraper.version")
                .value(System.getProperty("prometheus.scraper.version")));
    }

    private static HttpResponse<String> get(String path, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(misbridgeUrl() + path)).timeout(Duration.ofSeconds(30));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until Pax Web serves the endpoints (they register a little after the school). */
    private HttpResponse<String> awaitServed(String path, String user, String password) {
        HttpResponse<?>[] last = {null};
        Awaitility.await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                .until(() -> (last[0] = get(path, user, password)).statusCode() != 404);
        @SuppressWarnings("unchecked")
        HttpResponse<String> response = (HttpResponse<String>) last[0];
        return response;
    }

    private static double successes(Map<String, Family> families) {
        Family f = families.get("misbridge_syncs_total");
        return f == null ? 0 : f.series().stream()
                .filter(m -> m.labels().equals(Map.of("school", "demo", "outcome", "success")))
                .mapToDouble(Series::value).sum();
    }

    @Test
    public void theEndpointsNeedAKarafLoginAndServeHealthAndMetricsThatAParserReads() throws Exception {
        awaitOutput("school:status demo --json", out -> out.contains("SUCCESS"));
        PrometheusText.installParser(bundleContext);

        // no credentials, a wrong password: asked to log in, told nothing
        HttpResponse<String> anonymous = awaitServed("/health", null, null);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm="));
        assertTrue(anonymous.body(), !anonymous.body().contains("demo"));
        assertEquals(401, get("/health", "viewer", "not-the-password").statusCode());
        assertEquals(401, get("/metrics", "nobody", "viewer").statusCode());

        // a viewer reads health as JSON, per school
        HttpResponse<String> health = get("/health", "viewer", "viewer");
        assertEquals(health.body(), 200, health.statusCode());
        assertTrue(health.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode demo = null;
        for (JsonNode school : json(health.body()).get("schools")) {
            if (school.get("school").asText().equals("demo")) {
                demo = school;
            }
        }
        assertNotNull(health.body(), demo);
        assertEquals("ok", demo.get("health").asText());
        assertEquals("OK", demo.get("state").asText());
        assertTrue(demo.get("lastGoodRead").isTextual());
        assertEquals(404, get("/health?school=nowhere", "viewer", "viewer").statusCode());

        // metrics: two more syncs (typed, with their progress lines) are counted twice more. An admin's
        // --force reads and plans in full; the operator's right after it finds the files, settings and
        // day as that sync left them and reads nothing (issue 21)
        double before = successes(PrometheusText.parse(get("/metrics", "viewer", "viewer").body()));
        String forced = executeCommandAs("admin", "school:sync demo --force", "admin", "operator", "viewer");
        assertTrue(forced, forced.contains("demo: read ") && forced.contains("demo: planned ")
                && forced.contains("demo: applied in ") && forced.contains("Synced demo"));
        String synced = executeCommandAs("operator", "school:sync demo", "operator", "viewer");
        assertTrue(synced, synced.contains("demo: read nothing: the files hash as at the last sync")
                && !synced.contains("demo: planned ") && synced.contains("Synced demo: 0 created, 0 updated, 0 removed.")
                && synced.contains("nothing to do: the MIS files, the import settings and the day are those of the last sync"));
        Object[] scraped = new Object[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> metrics = get("/metrics", "operator", "operator");
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.headers().firstValue("Content-Type").orElse("").contains("version=0.0.4"));
            Map<String, Family> parsed = PrometheusText.parse(metrics.body());
            scraped[0] = parsed;
            return successes(parsed) == before + 2;
        });
        @SuppressWarnings("unchecked")
        Map<String, Family> m = (Map<String, Family>) scraped[0];
        assertEquals("COUNTER", m.get("misbridge_syncs_total").type());
        assertEquals("HISTOGRAM", m.get("misbridge_sync_duration_seconds").type());
        Series duration = m.get("misbridge_sync_duration_seconds").with("school", "demo");
        assertTrue(duration.count() >= 1);
        assertEquals(Long.valueOf(duration.count()), duration.buckets().get(Double.POSITIVE_INFINITY));
        for (String change : List.of("created", "updated", "removed")) {
            assertTrue(m.get("misbridge_sync_records_total").with("school", "demo", "change", change).value() >= 0);
        }
        assertEquals("GAUGE", m.get("misbridge_data_issues").type());
        assertEquals(directory.counts("demo").dataIssues(), m.get("misbridge_data_issues").with("school", "demo").value(), 0.0);
        assertTrue(m.get("misbridge_meals_outbox_backlog").with("school", "demo").value() >= 0);
        assertEquals(1.0, m.get("misbridge_school_health").with("school", "demo", "state", "ok").value(), 0.0);
        assertEquals(0.0, m.get("misbridge_school_health").with("school", "demo", "state", "failing").value(), 0.0);
        // the OneRoster readers' budget for kept reads: a quarter of the heap with the feature's own configuration
        // (docs/configuration.md); the demo school is too small to keep its read, so nothing is held or let go
        assertEquals("GAUGE", m.get("misbridge_kept_reads_budget_bytes").type());
        assertEquals(Runtime.getRuntime().maxMemory() / 100 * 25, m.get("misbridge_kept_reads_budget_bytes").with().value(), 0.0);
        assertEquals(0.0, m.get("misbridge_kept_reads").with().value(), 0.0);
        assertEquals(0.0, m.get("misbridge_kept_reads_bytes").with().value(), 0.0);
        assertEquals("COUNTER", m.get("misbridge_kept_reads_let_go_total").type());
        assertEquals(0.0, m.get("misbridge_kept_reads_let_go_total").with().value(), 0.0);

        // every line the sync logged carries the school: the summary, and the meal push on its own thread
        Path log = Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .anyMatch(l -> l.contains("meal change(s) acknowledged") && l.contains("| school=demo | ")));
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertTrue(lines.stream().filter(l -> l.contains("Synced school demo")).count() >= 1);
        assertTrue(lines.stream().filter(l -> l.contains("Synced school demo")).allMatch(l -> l.contains("| school=demo | ")));
        assertTrue(lines.stream().filter(l -> l.contains("Sync scheduler started")).noneMatch(l -> l.contains("school=")));
    }
}
