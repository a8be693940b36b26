package org.misbridge.web.internal;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.misbridge.api.Directory;
import org.misbridge.api.Outbox;
import org.misbridge.api.SchoolHealth;
import org.misbridge.api.SyncService;
import org.misbridge.api.UnsafeCharacters;

/**
 * What a scrape reads fresh from the store for each configured school: its data issues, its meal
 * export's backlog, its health state and when it last read its MIS well.
 */
final class SchoolGauges {

    /** The outbox topic of the meal export (the meals bundle's feed). */
    static final String MEALS_TOPIC = "meals";

    private SchoolGauges() {
    }

    static List<MetricSnapshot> read(SyncService syncService, Directory directory, Outbox outbox) {
        GaugeSnapshot.Builder issues = GaugeSnapshot.builder().name("misbridge_data_issues")
                .help("Data issues a school has now (invalid details, blocked details, refused syncs)");
        GaugeSnapshot.Builder backlog = GaugeSnapshot.builder().name("misbridge_meals_outbox_backlog")
                .help("Meal-manager changes waiting in a school's outbox to be sent");
        GaugeSnapshot.Builder state = GaugeSnapshot.builder().name("misbridge_school_health")
                .help("1 for a school's current health state (ok, stale, failing, refused, paused, never_synced, misconfigured, no_reader), 0 for the others");
        GaugeSnapshot.Builder lastGood = GaugeSnapshot.builder().name("misbridge_last_good_read_timestamp_seconds")
                .help("When a school's last successful sync started, in seconds since the epoch (schools never synced have none)");
        for (SchoolHealth h : syncService.health()) {
            String id = h.schoolId();
            // the store is asked with the id as configured; the label carries it escaped, as SyncMetrics does
            String school = UnsafeCharacters.escape(id);
            issues.dataPoint(point(school, directory.counts(id).dataIssues()));
            backlog.dataPoint(point(school, outbox.pendingCount(id, MEALS_TOPIC)));
            for (SchoolHealth.State s : SchoolHealth.State.values()) {
                state.dataPoint(GaugeDataPointSnapshot.builder()
                        .labels(Labels.of("school", school, "state", s.name().toLowerCase(Locale.ROOT)))
                        .value(s == h.state() ? 1 : 0).build());
            }
            if (h.lastGoodRead() != null) {
                lastGood.dataPoint(point(school, h.lastGoodRead().toEpochMilli() / 1000.0));
            }
        }
        List<MetricSnapshot> out = new ArrayList<>();
        out.add(issues.build());
        out.add(backlog.build());
        out.add(state.build());
        out.add(lastGood.build());
        return out;
    }

    private static GaugeDataPointSnapshot point(String school, double value) {
        return GaugeDataPointSnapshot.builder().labels(Labels.of("school", school)).value(value).build();
    }
}
