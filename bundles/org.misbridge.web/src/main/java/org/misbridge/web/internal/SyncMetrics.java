package org.misbridge.web.internal;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.Locale;
import org.misbridge.api.SchoolProperties;
import org.misbridge.api.SyncEvents;
import org.misbridge.api.UnsafeCharacters;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Counts every school's syncs from the sync's EventAdmin events: syncs by outcome, how long they
 * took, the records they created, updated and removed, and the rows they read, compared, loaded
 * and wrote. The counts live as long as the JVM (or
 * this bundle); Prometheus copes with counters starting again from zero.
 */
@Component(service = {EventHandler.class, SyncMetrics.class},
        property = EventConstants.EVENT_TOPIC + "=" + SyncEvents.TOPIC_ALL)
public final class SyncMetrics implements EventHandler {

    /** Upper bounds of the duration histogram: a small CSV school takes a second, a big REST read minutes. */
    static final double[] DURATION_BOUNDS = {0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800};

    private final PrometheusRegistry registry = new PrometheusRegistry();

    private final Counter syncs = Counter.builder().name("misbridge_syncs")
            .help("Syncs that ended, by school and outcome (success, failed, refused, dry_run, paused)")
            .labelNames("school", "outcome").withoutExemplars().register(registry);

    private final Histogram duration = Histogram.builder().name("misbridge_sync_duration_seconds")
            .help("How long syncs that read the MIS took, from the read to the commit, by school")
            .labelNames("school").classicOnly().classicUpperBounds(DURATION_BOUNDS).withoutExemplars().register(registry);

    private final Counter records = Counter.builder().name("misbridge_sync_records")
            .help("Directory records changed by successful syncs, by school and change (created, updated, removed)")
            .labelNames("school", "change").withoutExemplars().register(registry);

    private final Counter rows = Counter.builder().name("misbridge_sync_rows")
            .help("Rows successful syncs read from the MIS, compared, loaded from the store and wrote, by school and stage")
            .labelNames("school", "stage").withoutExemplars().register(registry);

    @Override
    public void handleEvent(Event event) {
        Object schoolId = event.getProperty(SchoolProperties.SCHOOL_ID);
        Object outcome = event.getProperty(SyncEvents.OUTCOME);
        if (!(schoolId instanceof String id) || outcome == null || SyncEvents.STARTED.equals(event.getTopic())) {
            return;
        }
        String result = outcome.toString().toLowerCase(Locale.ROOT);
        // the writer escapes only quotes, backslashes and newlines: a bidi or control character in a school id
        // would reach whoever reads the exposition in a terminal
        String school = UnsafeCharacters.escape(id);
        syncs.labelValues(school, result).inc();
        if (!"paused".equals(result) && event.getProperty(SyncEvents.DURATION_MILLIS) instanceof Number millis) {
            duration.labelValues(school).observe(millis.longValue() / 1000.0);
        }
        if ("success".equals(result)) {
            add(school, "created", event.getProperty(SyncEvents.CREATED));
            add(school, "updated", event.getProperty(SyncEvents.UPDATED));
            add(school, "removed", event.getProperty(SyncEvents.REMOVED));
            if (event.getProperty(SyncEvents.ROWS_READ) != null) {
                addRows(school, "read", event.getProperty(SyncEvents.ROWS_READ));
                addRows(school, "compared", event.getProperty(SyncEvents.ROWS_COMPARED));
                addRows(school, "loaded", event.getProperty(SyncEvents.ROWS_LOADED));
                addRows(school, "written", event.getProperty(SyncEvents.ROWS_WRITTEN));
            }
        }
    }

    private void add(String school, String change, Object count) {
        // a school with nothing changed still gets its series, so rate() sees zero rather than nothing
        records.labelValues(school, change).inc(count instanceof Number n ? Math.max(0, n.doubleValue()) : 0);
    }

    private void addRows(String school, String stage, Object count) {
        rows.labelValues(school, stage).inc(count instanceof Number n ? Math.max(0, n.doubleValue()) : 0);
    }

    /** The counters as they are now. */
    MetricSnapshots scrape() {
        return registry.scrape();
    }
}
