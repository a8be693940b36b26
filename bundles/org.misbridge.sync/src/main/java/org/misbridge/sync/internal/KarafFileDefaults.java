package org.misbridge.sync.internal;

import java.io.IOException;
import java.util.Collections;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MIS Bridge's defaults in Karaf's own files on a Karaf of one's own, made once through ConfigurationAdmin (whose changes
 * fileinstall writes back into etc/, as config:property-set's are), because a feature's configuration can only
 * add keys to Karaf's files, and two writers of one file race (a feature's {@code <config append>} there once left
 * etc/org.ops4j.pax.logging.cfg with nothing but the added keys):
 * <ul>
 * <li>each line's school ({@code school=<id> | }, the {@code school.id} MDC key) in the file's pattern
 * ({@code log4j2.pattern} of org.ops4j.pax.logging) and in the one log:display and log:tail use ({@code pattern}
 * of org.apache.karaf.log), only where the pattern is of Karaf's own shape and has no school yet; a pattern an
 * operator wrote is left as it is, with a line saying what to add;</li>
 * <li>the HttpClient 5 header and wire loggers at WARN where they are not configured: at DEBUG they would print
 * Authorization headers;</li>
 * <li>config:list and config:property-list for managers in Karaf's config-scope ACL, where it has no rule for them
 * (configurations show where schools' credentials are).</li>
 * </ul>
 */
@Component(immediate = true)
public final class KarafFileDefaults {

    private static final Logger LOG = LoggerFactory.getLogger(KarafFileDefaults.class);

    /** One pattern: where it lives, Karaf's message conversion at its end, and the school column to put before it. */
    record Pattern(String pid, String key, String file, String message, String school) {
    }

    /** Loggers kept at WARN unless the file already says something about them. */
    static final Map<String, String> QUIET_LOGGERS = Map.of(
            "hcheaders", "org.apache.hc.client5.http.headers",
            "hcwire", "org.apache.hc.client5.http.wire");

    static final List<Pattern> PATTERNS = List.of(
            new Pattern("org.ops4j.pax.logging", "log4j2.pattern", "etc/org.ops4j.pax.logging.cfg",
                    "%encode{%.-500m}{CRLF}%n", "%notEmpty{school=%X{school.id} | }"),
            // Karaf's console layout has no conditional: the column is there on every line, empty for most
            new Pattern("org.apache.karaf.log", "pattern", "etc/org.apache.karaf.log.cfg", "%m%n", "school=%X{school.id} | "));

    /** Rules added to Karaf's own config-scope ACL where it has none for these commands. */
    static final Map<String, String> CONFIG_ACL = Map.of(
            // configurations hold where schools' credentials are, and config:list shows values as delivered
            "list", "manager",
            "property-list", "manager");

    @Activate
    public KarafFileDefaults(@Reference ConfigurationAdmin configAdmin) {
        try {
            Configuration acl = existing(configAdmin, "org.apache.karaf.command.acl.config");
            Dictionary<String, Object> rules = acl == null ? null : acl.getProperties();
            if (rules != null && addMissing(rules, CONFIG_ACL)) {
                acl.update(rules);
                LOG.info("config:list and config:property-list are for managers now (etc/org.apache.karaf.command.acl.config.cfg)");
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not add MIS Bridge's rules to etc/org.apache.karaf.command.acl.config.cfg: {}", e.getMessage());
        }
        for (Pattern p : PATTERNS) {
            try {
                Configuration configuration = existing(configAdmin, p.pid());
                Dictionary<String, Object> properties = configuration == null ? null : configuration.getProperties();
                if (properties == null) {
                    continue; // no such configuration here: nothing of Karaf's to extend
                }
                boolean changed = withSchool(properties, p);
                if (p.pid().equals("org.ops4j.pax.logging")) {
                    changed |= quietLoggers(properties);
                }
                if (changed) {
                    configuration.update(properties);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not set MIS Bridge's logging defaults in {}: {}", p.file(), e.getMessage());
            }
        }
    }

    private static @Nullable Configuration existing(ConfigurationAdmin configAdmin, String pid) throws IOException {
        try {
            Configuration[] found = configAdmin.listConfigurations("(service.pid=" + pid + ")");
            return found == null || found.length == 0 ? null : found[0];
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Puts the school into the pattern (and every key that holds the same value); whether anything changed. */
    private static boolean withSchool(Dictionary<String, Object> properties, Pattern p) {
        if (!(properties.get(p.key()) instanceof String current)) {
            return false;
        }
        String extended = withSchool(current, p);
        if (extended == null) {
            if (!current.contains("school.id")) {
                LOG.info("The log pattern {} in {} is not Karaf's own, so it is left as it is; to see each line's school,"
                        + " put {} before its message", p.key(), p.file(), p.school());
            }
            return false;
        }
        // the appenders' "${log4j2.pattern}" reached ConfigAdmin already replaced by its value: those change too
        for (String key : Collections.list(properties.keys())) {
            if (current.equals(properties.get(key))) {
                properties.put(key, extended);
            }
        }
        LOG.info("Each log line of a school's work now shows its school: {} in {} has {}", p.key(), p.file(), p.school());
        return true;
    }

    /** Adds the keys the configuration does not have yet, changing none; whether it added any. */
    static boolean addMissing(Dictionary<String, Object> properties, Map<String, String> defaults) {
        boolean changed = false;
        for (Map.Entry<String, String> d : defaults.entrySet()) {
            if (properties.get(d.getKey()) == null) {
                properties.put(d.getKey(), d.getValue());
                changed = true;
            }
        }
        return changed;
    }

    /** Adds the quiet loggers the configuration does not mention yet; whether it added any. */
    static boolean quietLoggers(Dictionary<String, Object> properties) {
        boolean changed = false;
        for (Map.Entry<String, String> logger : QUIET_LOGGERS.entrySet()) {
            String prefix = "log4j2.logger." + logger.getKey();
            if (properties.get(prefix + ".name") == null) {
                properties.put(prefix + ".name", logger.getValue());
                properties.put(prefix + ".level", "WARN");
                changed = true;
            }
        }
        return changed;
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
