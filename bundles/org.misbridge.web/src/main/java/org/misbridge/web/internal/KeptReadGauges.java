package org.misbridge.web.internal;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import org.misbridge.api.KeptReadsUse;

/**
 * The host's budget for kept reads (OneRoster CSV deltas {@code auto}), read fresh at each scrape:
 * what it holds against what it may, and how often it let a read go unused, which is what says
 * the budget is too small for the large schools the host syncs.
 */
final class KeptReadGauges {

    private KeptReadGauges() {
    }

    static List<MetricSnapshot> read(KeptReadsUse use) {
        return List.of(
                gauge("misbridge_kept_reads_bytes", "What the MIS reads kept between syncs are counted at, in bytes",
                        use.usedBytes()),
                gauge("misbridge_kept_reads_budget_bytes",
                        "The heap the host's kept reads may take (keptReads.heapPercent), in bytes", use.budgetBytes()),
                gauge("misbridge_kept_reads", "Schools whose last read is kept now", use.keptReads()),
                CounterSnapshot.builder().name("misbridge_kept_reads_let_go")
                        .help("Kept reads the budget let go before their school's next read used them, since the host started")
                        .dataPoint(CounterDataPointSnapshot.builder().value(use.letGo()).build()).build());
    }

    private static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build();
    }
}
