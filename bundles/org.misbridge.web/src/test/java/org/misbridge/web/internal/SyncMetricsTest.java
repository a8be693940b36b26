package org.misbridge.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hawkular.agent.prometheus.text.TextPrometheusMetricDataParser;
import org.hawkular.agent.prometheus.types.Counter;
import org.hawkular.agent.prometheus.types.Histogram;
import org.hawkular.agent.prometheus.types.Metric;
import org.hawkular.agent.prometheus.types.MetricFamily;
import org.hawkular.agent.prometheus.types.MetricType;
import org.junit.jupiter.api.Test;
import org.misbridge.api.SyncEvents;
import org.osgi.service.event.Event;

/** The sync events become per-school series that a Prometheus text-format parser reads back. */
class SyncMetricsTest {

    private static Event ended(String topic, String school, String outcome, int created, int updated, int removed, long millis) {
        Map<String, Object> p = new HashMap<>();
        p.put("school.id", school);
        p.put(SyncEvents.OUTCOME, outcome);
        p.put(SyncEvents.CREATED, created);
        p.put(SyncEvents.UPDATED, updated);
        p.put(SyncEvents.REMOVED, removed);
        p.put(SyncEvents.DURATION_MILLIS, millis);
        return new Event(topic, p);
    }

    private static Map<String, MetricFamily> parse(SyncMetrics metrics) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, metrics.scrape());
        Map<String, MetricFamily> families = new LinkedHashMap<>();
        TextPrometheusMetricDataParser parser = new TextPrometheusMetricDataParser(new ByteArrayInputStream(out.toByteArray()));
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
    void syncsAreCountedPerSchoolAndOutcomeWithDurationsAndRecords() throws Exception {
        SyncMetrics metrics = new SyncMetrics();
        metrics.handleEvent(new Event(SyncEvents.STARTED, Map.of("school.id", "greenfield")));
        metrics.handleEvent(ended(SyncEvents.FINISHED, "greenfield", "SUCCESS", 600, 3, 1, 1_500));
        metrics.handleEvent(ended(SyncEvents.FINISHED, "greenfield", "SUCCESS", 0, 2, 0, 700));
        metrics.handleEvent(ended(SyncEvents.FAILED, "oakwood", "FAILED", 0, 0, 0, 40_000));
        metrics.handleEvent(ended(SyncEvents.REFUSED, "oakwood", "REFUSED", 0, 0, 90, 200));

        Map<String, MetricFamily> f = parse(metrics);
        assertThat(f.get("misbridge_syncs_total").getType()).isEqualTo(MetricType.COUNTER);
        assertThat(((Counter) series(f.get("misbridge_syncs_total"), Map.of("school", "greenfield", "outcome", "success"))).getValue())
                .isEqualTo(2.0);
        assertThat(((Counter) series(f.get("misbridge_syncs_total"), Map.of("school", "oakwood", "outcome", "failed"))).getValue())
                .isEqualTo(1.0);
        assertThat(((Counter) series(f.get("misbridge_syncs_total"), Map.of("school", "oakwood", "outcome", "refused"))).getValue())
                .isEqualTo(1.0);
        assertThat(((Counter) series(f.get("misbridge_sync_records_total"), Map.of("school", "greenfield", "change", "created")))
                .getValue()).isEqualTo(600.0);
        assertThat(((Counter) series(f.get("misbridge_sync_records_total"), Map.of("school", "greenfield", "change", "updated")))
                .getValue()).isEqualTo(5.0);
        // a refused run applied nothing, so its planned removals are not counted as removed
        assertThat(f.get("misbridge_sync_records_total").getMetrics()).noneMatch(m -> m.getLabels().get("school").equals("oakwood"));

        Histogram greenfield = (Histogram) series(f.get("misbridge_sync_duration_seconds"), Map.of("school", "greenfield"));
        assertThat(greenfield.getSampleCount()).isEqualTo(2);
        assertThat(greenfield.getSampleSum()).isEqualTo(2.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(greenfield.getBuckets()).anySatisfy(b -> {
            assertThat(b.getUpperBound()).isEqualTo(1.0);
            assertThat(b.getCumulativeCount()).isEqualTo(1);
        });
        Histogram oakwood = (Histogram) series(f.get("misbridge_sync_duration_seconds"), Map.of("school", "oakwood"));
        assertThat(oakwood.getBuckets()).anySatisfy(b -> {
            assertThat(b.getUpperBound()).isEqualTo(30.0);
            assertThat(b.getCumulativeCount()).isEqualTo(1);
        });
    }

    @Test
    void eventsWithoutASchoolOrOutcomeAreIgnored() throws Exception {
        SyncMetrics metrics = new SyncMetrics();
        metrics.handleEvent(new Event(SyncEvents.FINISHED, Map.of(SyncEvents.OUTCOME, "SUCCESS")));
        metrics.handleEvent(new Event(SyncEvents.FINISHED, Map.of("school.id", "greenfield")));
        Map<String, MetricFamily> f = parse(metrics);
        assertThat(f.values()).allSatisfy(family -> assertThat(family.getMetrics()).isEmpty());
    }

    @Test
    void aBasicHeaderIsDecodedAndAnythingElseIsNot() {
        String header = "Basic " + java.util.Base64.getEncoder().encodeToString("viewer:pa:ss".getBytes());
        assertThat(JaasBasicAuth.decode(header)).hasValueSatisfying(c -> assertThat(c).containsExactly("viewer", "pa:ss"));
        assertThat(JaasBasicAuth.decode(null)).isEmpty();
        assertThat(JaasBasicAuth.decode("Bearer abc")).isEmpty();
        assertThat(JaasBasicAuth.decode("Basic !!!")).isEmpty();
        assertThat(JaasBasicAuth.decode("Basic " + java.util.Base64.getEncoder().encodeToString("nocolon".getBytes()))).isEmpty();
    }

    @Test
    void healthIsSummedUpInThreeWords() {
        assertThat(HealthServlet.summary(org.misbridge.api.SchoolHealth.State.PAUSED)).isEqualTo("ok");
        assertThat(HealthServlet.summary(org.misbridge.api.SchoolHealth.State.NEVER_SYNCED)).isEqualTo("stale");
        assertThat(HealthServlet.summary(org.misbridge.api.SchoolHealth.State.REFUSED)).isEqualTo("failing");
    }
}
