package org.misbridge.security.internal;

import java.io.IOException;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationPlugin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps HttpClient 5's header and wire loggers at WARN whatever the logging configuration says: at
 * DEBUG they print every request's {@code Authorization} header, a MIS's client secret or token
 * with it, and every byte sent. A ConfigAdmin plugin on Pax Logging's PID: {@code log:set DEBUG
 * org.apache.hc.client5.http.headers}, {@code config:edit} or a hand edit of
 * etc/org.ops4j.pax.logging.cfg all reach Pax Logging through it, capped (the file and {@code log:get}
 * still show what was written). HttpClient is embedded in the MIS readers and the meal export, and
 * logs under these names from each of them.
 */
// immediate: a delayed component would be made anew for each delivery, and its constructor's check
// would deliver again, for ever
@Component(immediate = true, property = {
    ConfigurationPlugin.CM_TARGET + "=" + HttpClientLogPin.LOGGING_PID,
    // after plugins that rewrite values (placeholders), before those that only look (ranking over 1000)
    ConfigurationPlugin.CM_RANKING + ":Integer=900"
})
public final class HttpClientLogPin implements ConfigurationPlugin {

    static final String LOGGING_PID = "org.ops4j.pax.logging";
    static final List<String> LOGGERS = List.of("org.apache.hc.client5.http.headers", "org.apache.hc.client5.http.wire");

    private static final Logger LOG = LoggerFactory.getLogger(HttpClientLogPin.class);

    /** Delivers the logging configuration again if it was raised before this plugin was there to cap it (at boot). */
    @Activate
    public HttpClientLogPin(@Reference ConfigurationAdmin configAdmin) {
        try {
            Configuration logging = configAdmin.getConfiguration(LOGGING_PID, null);
            Dictionary<String, Object> current = logging.getProperties();
            if (current != null && !LoggerLevels.cap(copy(current), LOGGERS).isEmpty()) {
                logging.update();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not check the logging configuration for HttpClient loggers raised above WARN: {}", e.toString());
        }
    }

    @Override
    public void modifyConfiguration(ServiceReference<?> reference, Dictionary<String, Object> properties) {
        // a logger the configuration does not name is added at WARN quietly; one raised above it is worth a line
        List<String> lowered = LoggerLevels.cap(properties, LOGGERS).stream().filter(c -> !c.endsWith("=unset")).toList();
        if (!lowered.isEmpty()) {
            LOG.warn("Kept at WARN: {} (asked {}); at DEBUG they would print credentials sent to MIS and meal-manager APIs",
                    LOGGERS, lowered);
        }
    }

    private static Dictionary<String, Object> copy(Dictionary<String, Object> properties) {
        Hashtable<String, Object> copy = new Hashtable<>();
        for (String key : Collections.list(properties.keys())) {
            copy.put(key, properties.get(key));
        }
        return copy;
    }
}
