package org.misbridge.web.internal;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Directory;
import org.misbridge.api.KeptReadsUse;
import org.misbridge.api.Outbox;
import org.misbridge.api.SyncService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code GET /misbridge/metrics}: every school's sync counters and store gauges, and the requests the
 * directory's served to other systems (the OneRoster provider), in the Prometheus
 * text exposition format 0.0.4, written by Prometheus' own Java client.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=/metrics",
    "osgi.http.whiteboard.servlet.name=misbridge-metrics",
    MisBridgeContext.SELECT
})
public final class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient SyncMetrics metrics;
    private final transient ServedMetrics served;
    private final transient SyncService syncService;
    private final transient Directory directory;
    private final transient Outbox outbox;
    private final transient PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    // the OneRoster readers' budget, where their feature is installed
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile @Nullable KeptReadsUse keptReads;

    @Activate
    public MetricsServlet(@Reference SyncMetrics metrics, @Reference ServedMetrics served, @Reference SyncService syncService,
            @Reference Directory directory, @Reference Outbox outbox) {
        this.metrics = metrics;
        this.served = served;
        this.syncService = syncService;
        this.directory = directory;
        this.outbox = outbox;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        MetricSnapshots snapshots = collect();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(writer.getContentType());
        response.setHeader("Cache-Control", "no-store");
        try (OutputStream out = response.getOutputStream()) {
            writer.write(out, snapshots);
        }
    }

    MetricSnapshots collect() {
        List<MetricSnapshot> all = new ArrayList<>();
        metrics.scrape().forEach(all::add);
        served.scrape().forEach(all::add);
        all.addAll(SchoolGauges.read(syncService, directory, outbox));
        KeptReadsUse kept = keptReads;
        if (kept != null) {
            all.addAll(KeptReadGauges.read(kept));
        }
        return new MetricSnapshots(all);
    }
}
