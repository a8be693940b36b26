package org.misbridge.api.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationPlugin;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a connector's configuration keys from before they took its prefix working: ConfigAdmin hands
 * every configuration of the listed factory PIDs through this plugin before DS sees it (Felix SCR asks
 * for the processed properties), and each old key is delivered under its new name. One WARN per
 * configuration names each old key and its new one, never a value (some are credentials). When a
 * configuration gives both, the new key wins and the WARN says the old one is ignored.
 */
// immediate and without references: it is registered as the api bundle starts, before any connector
// (they all import the api) has its configurations delivered
@Component(immediate = true, property = {
    ConfigurationPlugin.CM_TARGET + "=" + RenamedKeys.ONEROSTER,
    ConfigurationPlugin.CM_TARGET + "=" + RenamedKeys.CTF,
    ConfigurationPlugin.CM_TARGET + "=" + RenamedKeys.MEALS,
    // before plugins that only look (ranking over 1000); placeholders are values, untouched here
    ConfigurationPlugin.CM_RANKING + ":Integer=100"
})
public final class RenamedKeys implements ConfigurationPlugin {

    static final String ONEROSTER = "org.misbridge.mis.oneroster";
    static final String CTF = "org.misbridge.mis.ctf";
    static final String MEALS = "org.misbridge.meals";

    private static final Logger LOG = LoggerFactory.getLogger(RenamedKeys.class);

    /** Old key to new key, by factory PID. A private ({@code .key}) form is renamed likewise. */
    static final Map<String, Map<String, String>> RENAMED = Map.of(
            ONEROSTER, oneRoster(),
            CTF, ordered("dfe.number", "ctf.dfeNumber"),
            MEALS, ordered("include.staff", "meals.includeStaff", "closeLeavers", "meals.closeLeavers",
                    "batchSize", "meals.batchSize", "connectTimeoutSeconds", "meals.connectTimeoutSeconds",
                    "responseTimeoutSeconds", "meals.responseTimeoutSeconds", "retry.firstSeconds",
                    "meals.retry.firstSeconds", "retry.maxSeconds", "meals.retry.maxSeconds"));

    private final Consumer<String> warn;
    /** The last warning given for each configuration, so a redelivery does not repeat it. */
    private final ConcurrentMap<String, String> warned = new ConcurrentHashMap<>();

    public RenamedKeys() {
        this(LOG::warn);
    }

    RenamedKeys(Consumer<String> warn) {
        this.warn = warn;
    }

    @Override
    public void modifyConfiguration(@Nullable ServiceReference<?> reference, Dictionary<String, Object> properties) {
        Object factoryPid = properties.get("service.factoryPid");
        Object pid = properties.get("service.pid");
        String connector = factoryPid != null ? factoryPid.toString() : pid == null ? "" : pid.toString();
        Map<String, Object> view = new HashMap<>();
        for (String key : Collections.list(properties.keys())) {
            view.put(key, properties.get(key));
        }
        Renaming renaming = rename(connector, view);
        if (renaming.changes().isEmpty()) {
            return;
        }
        for (Map.Entry<String, @Nullable Object> change : renaming.changes().entrySet()) {
            Object value = change.getValue();
            if (value == null) {
                properties.remove(change.getKey());
            } else {
                properties.put(change.getKey(), value);
            }
        }
        String message = renaming.warning(SchoolClaimsRegistry.describe(view));
        String key = pid == null ? connector : pid.toString();
        if (!message.equals(warned.put(key, message))) {
            warn.accept(message);
        }
    }

    /**
     * The configuration {@code properties} of {@code factoryPid} with its old keys under their new
     * names, as ConfigAdmin delivers it through this plugin (for tests that wire components by hand).
     */
    public static Map<String, Object> apply(String factoryPid, Map<String, ?> properties) {
        Map<String, Object> result = new LinkedHashMap<>(properties);
        for (Map.Entry<String, @Nullable Object> change : rename(factoryPid, result).changes().entrySet()) {
            if (change.getValue() == null) {
                result.remove(change.getKey());
            } else {
                result.put(change.getKey(), change.getValue());
            }
        }
        return result;
    }

    /** What to change (a key to its value, or to null to remove it) and what was found. */
    record Renaming(Map<String, @Nullable Object> changes, List<String> renamed, List<String> ignored) {

        // short: the log layout cuts a message at 500 characters
        String warning(String config) {
            StringBuilder w = new StringBuilder(config).append(": configuration keys renamed with the connector prefix"
                    + " (docs/configuration.md)");
            if (!renamed.isEmpty()) {
                w.append("; read under the new names, rename them in the file: ").append(String.join(", ", renamed));
            }
            if (!ignored.isEmpty()) {
                w.append("; ignored, the new key is also set: ").append(String.join(", ", ignored));
            }
            return w.toString();
        }
    }

    static Renaming rename(String factoryPid, Map<String, ?> properties) {
        Map<String, String> table = RENAMED.getOrDefault(factoryPid, Map.of());
        Map<String, @Nullable Object> changes = new LinkedHashMap<>();
        List<String> renamed = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (Map.Entry<String, String> entry : table.entrySet()) {
            for (String prefix : new String[] {"", "."}) {
                String oldKey = prefix + entry.getKey();
                String newKey = prefix + entry.getValue();
                Object value = properties.get(oldKey);
                if (value == null) {
                    continue;
                }
                changes.put(oldKey, null);
                if (properties.get(newKey) == null) {
                    changes.put(newKey, value);
                    renamed.add(oldKey + " -> " + newKey);
                } else {
                    ignored.add(oldKey + " (" + newKey + " wins)");
                }
            }
        }
        return new Renaming(changes, renamed, ignored);
    }

    private static Map<String, String> oneRoster() {
        List<String> keys = List.of("mode", "csv.path", "csv.encoding", "org.sourcedId", "zip.maxEntries",
                "zip.maxTotalBytes", "zip.maxRatio", "rest.baseUrl", "rest.version", "rest.tokenUrl", "rest.clientId",
                "rest.relyingParty", "rest.establishment", "rest.clientSecretFile", "rest.clientSecret",
                "rest.clientSecretEnv", "rest.scope", "rest.tokenFile", "rest.tokenEnv", "rest.token", "rest.pageSize",
                "rest.deltas", "rest.fullReadHours", "rest.connectTimeoutSeconds", "rest.responseTimeoutSeconds",
                "rest.maxAttempts", "rest.maxRetryAfterSeconds", "rest.maxResponseBytes");
        Map<String, String> table = new LinkedHashMap<>();
        keys.forEach(k -> table.put(k, "oneroster." + k));
        return Collections.unmodifiableMap(table);
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> table = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            table.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(table);
    }
}
