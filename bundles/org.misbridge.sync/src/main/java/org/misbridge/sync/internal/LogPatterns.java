package org.misbridge.sync.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts each line's school ({@code school=<id> | }, the {@code school.id} MDC key) into the log patterns of a
 * Karaf that still has Karaf's own: the file's ({@code log4j2.pattern} of org.ops4j.pax.logging) and the one
 * log:display and log:tail use ({@code pattern} of org.apache.karaf.log). A feature's configuration can only add
 * keys to those files, never change one, so this is done here, once, and only to a pattern of Karaf's own shape
 * (one that ends with Karaf's message conversion and has no school yet); a pattern an operator wrote is left as it
 * is, with a line saying what to add.
 */
@Component(immediate = true)
public final class LogPatterns {

    private static final Logger LOG = LoggerFactory.getLogger(LogPatterns.class);

    /** One pattern: where it lives, Karaf's message conversion at its end, and the school column to put before it. */
    record Pattern(String pid, String key, String file, String message, String school) {
    }

    static final List<Pattern> PATTERNS = List.of(
            new Pattern("org.ops4j.pax.logging", "log4j2.pattern", "etc/org.ops4j.pax.logging.cfg",
                    "%encode{%.-500m}{CRLF}%n", "%notEmpty{school=%X{school.id} | }"),
            // Karaf's console layout has no conditional: the column is there on every line, empty for most
            new Pattern("org.apache.karaf.log", "pattern", "etc/org.apache.karaf.log.cfg", "%m%n", "school=%X{school.id} | "));

    @Activate
    public LogPatterns(@Reference ConfigurationAdmin configAdmin) {
        for (Pattern p : PATTERNS) {
            try {
                apply(configAdmin, p);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not add the school to the log pattern of {}: {}", p.file(), e.getMessage());
            }
        }
    }

    private static void apply(ConfigurationAdmin configAdmin, Pattern p) throws IOException {
        Configuration[] found;
        try {
            found = configAdmin.listConfigurations("(service.pid=" + p.pid() + ")");
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (found == null || found.length == 0) {
            return; // no such configuration here: nothing of Karaf's to extend
        }
        Configuration configuration = found[0];
        Dictionary<String, Object> properties = configuration.getProperties();
        if (properties == null || !(properties.get(p.key()) instanceof String current)) {
            return; // no such configuration here: nothing of Karaf's to extend
        }
        String extended = withSchool(current, p);
        if (extended == null) {
            if (!current.contains("school.id")) {
                LOG.info("The log pattern {} in {} is not Karaf's own, so it is left as it is; to see each line's school,"
                        + " put {} before its message", p.key(), p.file(), p.school());
            }
            return;
        }
        // the appenders' "${log4j2.pattern}" reached ConfigAdmin already replaced by its value: those change too
        for (String key : java.util.Collections.list(properties.keys())) {
            if (current.equals(properties.get(key))) {
                properties.put(key, extended);
            }
        }
        configuration.update(properties);
        LOG.info("Each log line of a school's work now shows its school: {} in {} has {}", p.key(), p.file(), p.school());
    }

    /** The pattern with the school before Karaf's message conversion; null if it has one or is not of Karaf's shape. */
    static @Nullable String withSchool(String pattern, Pattern p) {
        if (pattern.contains("school.id") || !pattern.endsWith(p.message())
                || pattern.indexOf(p.message()) != pattern.length() - p.message().length()) {
            return null;
        }
        return pattern.substring(0, pattern.length() - p.message().length()) + p.school() + p.message();
    }
}
