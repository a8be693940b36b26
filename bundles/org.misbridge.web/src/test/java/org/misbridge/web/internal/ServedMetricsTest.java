package org.misbridge.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.hawkular.agent.prometheus.text.TextPrometheusMetricDataParser;
import org.hawkular.agent.prometheus.types.Counter;
import org.hawkular.agent.prometheus.types.Histogram;
import org.hawkular.agent.prometheus.types.Metric;
import org.hawkular.agent.prometheus.types.MetricFamily;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.misbridge.api.ServedRequests;
import org.osgi.service.event.Event;

/** The provider's request events become series by route template and status, a latency histogram and per-client counts. */
class ServedMetricsTest {

    private static Event served(String endpoint, int status, double millis, @Nullable String client) {
        Map<String, Object> p = new HashMap<>();
        p.put(ServedRequests.SERVICE, "oneroster");
        p.put(ServedRequests.ENDPOINT, endpoint);
        p.put(ServedRequests.STATUS, status);
        p.put(ServedRequests.DURATION_MILLIS, millis);
        if (client != null) {
            p.put(ServedRequests.CLIENT, client);
        }
        return new Event(ServedRequests.TOPIC, p);
    }

    private static String text(ServedMetrics metrics) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, metrics.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, MetricFamily> parse(ServedMetrics metrics) throws Exception {
        Map<String, MetricFamily> families = new LinkedHashMap<>();
        TextPrometheusMetricDataParser parser = new TextPrometheusMetricDataParser(
                new ByteArrayInputStream(text(metrics).getBytes(StandardCharsets.UTF_8)));
        for (MetricFamily f = parser.parse(); f != null; f = parser.parse()) {
            families.put(f.getName(), f);
        }
        return families;
    }

    private static Metric series(MetricFamily family, Map<String, String> labels) {
        return family.getMetrics().stream().filter(m -> m.getLabels().equals(labels)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + family.getName() + labels + " in " + family.getMetrics()));
    }

    @Test
    void requestsAreCountedByRouteAndStatusWithLatencyAndClient() throws Exception {
        ServedMetrics metrics = new ServedMetrics();
        String students = "/rostering/v1p2/classes/{id}/students";
        metrics.handleEvent(served("/oauth/token", 200, 30, null));
        metrics.handleEvent(served(students, 200, 4, "vle"));
        metrics.handleEvent(served(students, 200, 120, "vle"));
        metrics.handleEvent(served(students, 404, 2, "library"));
        metrics.handleEvent(served("/rostering/v1p2/users", 401, 1, null));

        Map<String, MetricFamily> f = parse(metrics);
        MetricFamily requests = f.get("misbridge_served_requests_total");
        assertThat(((Counter) series(requests, Map.of("service", "oneroster", "endpoint", students, "status", "200"))).getValue())
                .isEqualTo(2.0);
        assertThat(((Counter) series(requests, Map.of("service", "oneroster", "endpoint", students, "status", "404"))).getValue())
                .isEqualTo(1.0);
        assertThat(((Counter) series(requests, Map.of("service", "oneroster", "endpoint", "/oauth/token", "status", "200")))
                .getValue()).isEqualTo(1.0);
        assertThat(requests.getMetrics()).hasSize(4);

        // 4 ms, 120 ms and 2 ms: two in the 5 ms bucket, all three by 250 ms; the sum is 0.126 s
        Histogram latency = (Histogram) series(f.get("misbridge_served_request_duration_seconds"),
                Map.of("service", "oneroster", "endpoint", students));
        assertThat(latency.getSampleCount()).isEqualTo(3);
        assertThat(latency.getSampleSum()).isEqualTo(0.126, Offset.offset(1e-9));
        assertThat(latency.getBuckets()).anySatisfy(b -> {
            assertThat(b.getUpperBound()).isEqualTo(0.005);
            assertThat(b.getCumulativeCount()).isEqualTo(2);
        });
        assertThat(latency.getBuckets()).anySatisfy(b -> {
            assertThat(b.getUpperBound()).isEqualTo(0.1);
            assertThat(b.getCumulativeCount()).isEqualTo(2);
        });
        assertThat(latency.getBuckets()).anySatisfy(b -> {
            assertThat(b.getUpperBound()).isEqualTo(0.25);
            assertThat(b.getCumulativeCount()).isEqualTo(3);
        });

        MetricFamily clients = f.get("misbridge_served_client_requests_total");
        assertThat(((Counter) series(clients, Map.of("service", "oneroster", "client", "vle"))).getValue()).isEqualTo(2.0);
        assertThat(((Counter) series(clients, Map.of("service", "oneroster", "client", "library"))).getValue()).isEqualTo(1.0);
        assertThat(clients.getMetrics()).hasSize(2); // the token request and the 401 named no client

        // as a scraper reads the text: labels by name, values as they came
        assertThat(text(metrics)).contains(
                "misbridge_served_requests_total{endpoint=\"/rostering/v1p2/users\",service=\"oneroster\",status=\"401\"} 1",
                "misbridge_served_client_requests_total{client=\"vle\",service=\"oneroster\"} 2");
    }

    @Test
    void labelValuesAreEscaped() throws Exception {
        ServedMetrics metrics = new ServedMetrics();
        metrics.handleEvent(served("/x", 200, 1, "evil\n\u202Eclient"));
        String text = text(metrics);
        assertThat(text).doesNotContain("\u202E").contains("client=\"evil\\\\n\\\\u202Eclient\"");
    }

    @Test
    void eventsMissingARouteOrStatusAreIgnored() throws Exception {
        ServedMetrics metrics = new ServedMetrics();
        metrics.handleEvent(new Event(ServedRequests.TOPIC, Map.of(ServedRequests.SERVICE, "oneroster", ServedRequests.STATUS, 200)));
        metrics.handleEvent(new Event(ServedRequests.TOPIC, Map.of(ServedRequests.SERVICE, "oneroster", ServedRequests.ENDPOINT, "/x")));
        assertThat(parse(metrics).values()).allSatisfy(family -> assertThat(family.getMetrics()).isEmpty());
    }
}
