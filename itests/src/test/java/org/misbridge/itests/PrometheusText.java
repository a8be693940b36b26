package org.misbridge.itests;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hawkular.agent.prometheus.text.TextPrometheusMetricDataParser;
import org.hawkular.agent.prometheus.types.Counter;
import org.hawkular.agent.prometheus.types.Gauge;
import org.hawkular.agent.prometheus.types.Histogram;
import org.hawkular.agent.prometheus.types.Metric;
import org.hawkular.agent.prometheus.types.MetricFamily;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * Reads a Prometheus text exposition with Hawkular's parser (a library, not a pattern), into plain
 * records. The parser is a plain jar: it is wrapped into a bundle at run time, once Karaf's wrap:
 * handler is up, and only this class touches its types.
 */
final class PrometheusText {

    /** One series: its labels and value; for a histogram its count, sum and cumulative buckets by upper bound. */
    record Series(Map<String, String> labels, double value, long count, double sum, Map<Double, Long> buckets) {
    }

    /** One metric family: its name, type (COUNTER, GAUGE, HISTOGRAM…) and series. */
    record Family(String name, String type, List<Series> series) {
        Series with(String... labels) {
            Map<String, String> wanted = new LinkedHashMap<>();
            for (int i = 0; i < labels.length; i += 2) {
                wanted.put(labels[i], labels[i + 1]);
            }
            return series.stream().filter(s -> s.labels().equals(wanted)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + name + wanted + " in " + series));
        }
    }

    private PrometheusText() {
    }

    static void installParser(BundleContext context) throws BundleException {
        for (Bundle b : context.getBundles()) {
            if ("hawkular-prometheus-scraper".equals(b.getSymbolicName())) {
                return;
            }
        }
        Bundle parser = context.installBundle("wrap:mvn:org.hawkular.agent/prometheus-scraper/"
                + System.getProperty("prometheus.scraper.version")
                + "$Bundle-SymbolicName=hawkular-prometheus-scraper&Import-Package=org.jboss.logging,*;resolution:=optional"
                + "&Export-Package=org.hawkular.agent.prometheus.*");
        parser.start();
    }

    static Map<String, Family> parse(String body) throws IOException {
        Map<String, Family> families = new LinkedHashMap<>();
        TextPrometheusMetricDataParser parser = new TextPrometheusMetricDataParser(
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        for (MetricFamily f = parser.parse(); f != null; f = parser.parse()) {
            List<Series> series = new ArrayList<>();
            for (Metric m : f.getMetrics()) {
                series.add(series(m));
            }
            families.put(f.getName(), new Family(f.getName(), f.getType().name(), series));
        }
        return families;
    }

    private static Series series(Metric m) {
        if (m instanceof Counter c) {
            return new Series(m.getLabels(), c.getValue(), 0, 0, Map.of());
        }
        if (m instanceof Gauge g) {
            return new Series(m.getLabels(), g.getValue(), 0, 0, Map.of());
        }
        if (m instanceof Histogram h) {
            Map<Double, Long> buckets = new LinkedHashMap<>();
            h.getBuckets().forEach(b -> buckets.put(b.getUpperBound(), b.getCumulativeCount()));
            return new Series(m.getLabels(), Double.NaN, h.getSampleCount(), h.getSampleSum(), buckets);
        }
        throw new AssertionError("unexpected metric type " + m.getClass().getSimpleName() + " for " + m.getName());
    }
}
