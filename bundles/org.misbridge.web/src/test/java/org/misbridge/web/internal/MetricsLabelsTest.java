package org.misbridge.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hawkular.agent.prometheus.text.TextPrometheusMetricDataParser;
import org.hawkular.agent.prometheus.types.Gauge;
import org.hawkular.agent.prometheus.types.Metric;
import org.hawkular.agent.prometheus.types.MetricFamily;
import org.junit.jupiter.api.Test;
import org.misbridge.api.Directory;
import org.misbridge.api.Outbox;
import org.misbridge.api.SchoolHealth;
import org.misbridge.api.SyncEvents;
import org.misbridge.api.SyncService;
import org.misbridge.api.UnsafeCharacters;
import org.misbridge.api.directory.SchoolCounts;
import org.osgi.service.event.Event;

/**
 * A school id with a right-to-left override and a tab reaches the exposition as escape text: the Prometheus
 * writer escapes only quotes, backslashes and newlines, so the label goes through UnsafeCharacters first.
 */
class MetricsLabelsTest {

    /** The id as configured: "evil", U+202E, a tab, "school". */
    private static final String RAW = "evil\u202E\tschool";
    /** The label value a scraper reads back: the two characters spelled out, a backslash each. */
    private static final String LABEL = "evil" + "\\" + "u202E" + "\\" + "tschool";

    private static String exposition(MetricSnapshots snapshots) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, snapshots);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, MetricFamily> parse(String text) throws Exception {
        Map<String, MetricFamily> families = new HashMap<>();
        TextPrometheusMetricDataParser parser =
                new TextPrometheusMetricDataParser(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        for (MetricFamily f = parser.parse(); f != null; f = parser.parse()) {
            families.put(f.getName(), f);
        }
        return families;
    }

    /** Apart from the line ends, nothing a terminal would act on. */
    private static void assertNoRawControls(String text) {
        assertThat(text.replace("\n", "").codePoints().filter(UnsafeCharacters::isUnsafe).toArray()).isEmpty();
        assertThat(text).doesNotContain("\u202E").doesNotContain("\t");
    }

    @Test
    void syncCountersCarryTheSchoolIdEscaped() throws Exception {
        SyncMetrics metrics = new SyncMetrics();
        Map<String, Object> p = new HashMap<>();
        p.put("school.id", RAW);
        p.put(SyncEvents.OUTCOME, "SUCCESS");
        p.put(SyncEvents.CREATED, 4);
        p.put(SyncEvents.DURATION_MILLIS, 2_000L);
        metrics.handleEvent(new Event(SyncEvents.FINISHED, p));

        String text = exposition(metrics.scrape());
        assertNoRawControls(text);
        // in the exposition each backslash of the escape is itself escaped
        assertThat(text).contains("school=\"evil\\\\u202E\\\\tschool\"");
        Metric syncs = parse(text).get("misbridge_syncs_total").getMetrics().get(0);
        assertThat(syncs.getLabels()).containsEntry("school", LABEL);
    }

    @Test
    void storeGaugesLookUpTheRawIdAndLabelItEscaped() throws Exception {
        SyncService sync = fake(SyncService.class, (name, args) -> name.equals("health")
                ? List.of(new SchoolHealth(RAW, SchoolHealth.State.OK, Instant.ofEpochSecond(1_700_000_000L), null, null, "06:00", null))
                : null);
        // the store knows the school only by its id as configured
        Directory directory = fake(Directory.class, (name, args) -> name.equals("counts") && RAW.equals(args[0])
                ? new SchoolCounts(0, 0, 0, 0, 0, 0, 0, 3) : null);
        Outbox outbox = fake(Outbox.class, (name, args) -> name.equals("pendingCount") && RAW.equals(args[0])
                && SchoolGauges.MEALS_TOPIC.equals(args[1]) ? 2 : null);

        String text = exposition(new MetricSnapshots(SchoolGauges.read(sync, directory, outbox)));
        assertNoRawControls(text);
        Map<String, MetricFamily> f = parse(text);
        Metric issues = f.get("misbridge_data_issues").getMetrics().get(0);
        assertThat(issues.getLabels()).isEqualTo(Map.of("school", LABEL));
        assertThat(((Gauge) issues).getValue()).isEqualTo(3.0);
        Metric backlog = f.get("misbridge_meals_outbox_backlog").getMetrics().get(0);
        assertThat(backlog.getLabels()).isEqualTo(Map.of("school", LABEL));
        assertThat(((Gauge) backlog).getValue()).isEqualTo(2.0);
        assertThat(f.get("misbridge_school_health").getMetrics())
                .allSatisfy(m -> assertThat(m.getLabels()).containsEntry("school", LABEL));
        assertThat(f.get("misbridge_last_good_read_timestamp_seconds").getMetrics().get(0).getLabels())
                .isEqualTo(Map.of("school", LABEL));
    }

    private interface Answers {
        Object answer(String method, Object[] args);
    }

    /** A stand-in for a store or sync service: the answer given, or a failure for a call the gauges should not make. */
    private static <T> T fake(Class<T> type, Answers answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Object answer = answers.answer(method.getName(), args == null ? new Object[0] : args);
            if (answer == null) {
                throw new AssertionError("unexpected call " + method.getName() + (args == null ? "" : List.of(args)));
            }
            return answer;
        }));
    }
}
