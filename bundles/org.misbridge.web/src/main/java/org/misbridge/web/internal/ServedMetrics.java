package org.misbridge.web.internal;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.misbridge.api.ServedRequests;
import org.misbridge.api.UnsafeCharacters;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Counts the requests the bundles serving the directory answered (the OneRoster provider), from their
 * EventAdmin events: by route template and status, their latency, and each client's data requests.
 * Labels are bounded: routes are templates, clients are configured ids.
 */
@Component(service = {EventHandler.class, ServedMetrics.class},
        property = EventConstants.EVENT_TOPIC + "=" + ServedRequests.TOPIC)
public final class ServedMetrics implements EventHandler {

    /** Upper bounds of the latency histogram, in seconds: a page of a small school is milliseconds, of a district seconds. */
    static final double[] LATENCY_BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final PrometheusRegistry registry = new PrometheusRegistry();

    private final Counter requests = Counter.builder().name("misbridge_served_requests")
            .help("Requests answered by a service reading the directory out (oneroster), by route template and HTTP status")
            .labelNames("service", "endpoint", "status").withoutExemplars().register(registry);

    private final Histogram latency = Histogram.builder().name("misbridge_served_request_duration_seconds")
            .help("How long answering a request took, by service and route template")
            .labelNames("service", "endpoint").classicOnly().classicUpperBounds(LATENCY_BOUNDS).withoutExemplars()
            .register(registry);

    private final Counter clients = Counter.builder().name("misbridge_served_client_requests")
            .help("Data requests with a good token, by service and client id")
            .labelNames("service", "client").withoutExemplars().register(registry);

    @Override
    public void handleEvent(Event event) {
        if (!(event.getProperty(ServedRequests.SERVICE) instanceof String service)
                || !(event.getProperty(ServedRequests.ENDPOINT) instanceof String endpoint)
                || !(event.getProperty(ServedRequests.STATUS) instanceof Number status)) {
            return;
        }
        String serviceLabel = UnsafeCharacters.escape(service);
        String endpointLabel = UnsafeCharacters.escape(endpoint);
        requests.labelValues(serviceLabel, endpointLabel, Integer.toString(status.intValue())).inc();
        if (event.getProperty(ServedRequests.DURATION_MILLIS) instanceof Number millis) {
            latency.labelValues(serviceLabel, endpointLabel).observe(Math.max(0, millis.doubleValue()) / 1000.0);
        }
        if (event.getProperty(ServedRequests.CLIENT) instanceof String client) {
            clients.labelValues(serviceLabel, UnsafeCharacters.escape(client)).inc();
        }
    }

    /** The counts as they are now. */
    MetricSnapshots scrape() {
        return registry.scrape();
    }
}
