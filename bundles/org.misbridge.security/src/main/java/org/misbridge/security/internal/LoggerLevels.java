package org.misbridge.security.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.List;
import java.util.Locale;

/**
 * Caps loggers in Pax Logging's log4j2 properties ({@code log4j2.logger.ID.name} and
 * {@code log4j2.logger.ID.level}, as etc/org.ops4j.pax.logging.cfg and {@code log:set} write them)
 * at WARN: those named, and any logger below them.
 */
final class LoggerLevels {

    private static final String PREFIX = "log4j2.logger.";
    private static final String NAME = ".name";
    private static final String LEVEL = ".level";
    private static final String CAP = "WARN";
    // log4j2's levels, quietest first; a level it does not know counts as too talkative
    private static final List<String> QUIET_ENOUGH = List.of("OFF", "FATAL", "ERROR", "WARN");

    private LoggerLevels() {
    }

    /**
     * Sets each capped logger's level to WARN where it is missing or more talkative, adding an entry
     * for a capped logger the properties do not name.
     *
     * @return what was changed, as {@code logger=LEVEL} before the change, for the log
     */
    static List<String> cap(Dictionary<String, Object> properties, List<String> capped) {
        List<String> changed = new ArrayList<>();
        List<String> named = new ArrayList<>();
        for (String key : Collections.list(properties.keys())) {
            if (!key.startsWith(PREFIX) || !key.endsWith(NAME) || !(properties.get(key) instanceof String logger)) {
                continue;
            }
            String name = logger.strip();
            if (capped.stream().noneMatch(c -> name.equals(c) || name.startsWith(c + "."))) {
                continue;
            }
            named.add(name);
            String levelKey = key.substring(0, key.length() - NAME.length()) + LEVEL;
            Object level = properties.get(levelKey);
            if (!(level instanceof String l) || !QUIET_ENOUGH.contains(l.strip().toUpperCase(Locale.ROOT))) {
                properties.put(levelKey, CAP);
                changed.add(name + "=" + level);
            }
        }
        int n = 0;
        for (String logger : capped) {
            if (!named.contains(logger)) {
                String id = PREFIX + "misbridge_capped_" + n++;
                properties.put(id + NAME, logger);
                properties.put(id + LEVEL, CAP);
                changed.add(logger + "=unset");
            }
        }
        return changed;
    }
}
