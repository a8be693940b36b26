package org.misbridge.api;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * Keeps one school to its own configuration: each per-school component (sync, readers, meal export,
 * leavers) claims its school when it is activated and releases the claim when deactivated. A
 * configuration whose file or factory name says one school while its {@code school.id} says another,
 * or a second configuration of the same connector for a school that already has one, is refused
 * with a message naming both, so one school's file can never take over another school's schedule,
 * rows or credentials.
 */
public final class SchoolClaims {

    private static final ConcurrentMap<String, String> CLAIMS = new ConcurrentHashMap<>();

    private SchoolClaims() {
    }

    /** A held claim; closing it lets another configuration of the connector serve the school. */
    public static final class Claim implements AutoCloseable {
        private final String key;
        private final String owner;

        private Claim(String key, String owner) {
            this.key = key;
            this.owner = owner;
        }

        @Override
        public void close() {
            CLAIMS.remove(key, owner);
        }
    }

    /**
     * Claims {@code schoolId} for the configuration in {@code properties} (the component's
     * configuration properties: {@code service.pid}, {@code service.factoryPid} and, for files in
     * {@code etc/}, {@code felix.fileinstall.filename}).
     *
     * @param connector the connector's factory PID, e.g. {@code org.misbridge.sync}
     * @throws IllegalArgumentException when the configuration's name names another school, or another
     *         configuration of the connector already serves this school
     */
    public static Claim claim(String connector, String schoolId, Map<String, ?> properties) {
        Objects.requireNonNull(connector, "connector");
        SchoolProperties.requireValidSchoolId(schoolId);
        String config = describe(properties);
        String named = nameOf(connector, properties);
        if (named != null && !named.equals(schoolId)) {
            throw new IllegalArgumentException(config + " is named for school '" + named + "' but sets school.id="
                    + schoolId + "; a configuration may only serve the school it is named for (rename the file to "
                    + connector + "-" + schoolId + ".cfg or correct school.id)");
        }
        String key = connector + "|" + schoolId;
        String holder = CLAIMS.putIfAbsent(key, config);
        if (holder != null && !holder.equals(config)) {
            throw new IllegalArgumentException(config + " is refused: school '" + schoolId + "' already has a "
                    + connector + " configuration, " + holder + "; one " + connector
                    + " configuration per school (remove one of the two)");
        }
        return new Claim(key, config);
    }

    /** The configuration as an operator knows it: its file in etc/ when it has one, else its PID. */
    static String describe(Map<String, ?> properties) {
        Object file = properties.get("felix.fileinstall.filename");
        if (file != null) {
            String f = file.toString();
            int slash = Math.max(f.lastIndexOf('/'), f.lastIndexOf('\\'));
            return "etc/" + f.substring(slash + 1);
        }
        Object pid = properties.get("service.pid");
        return pid == null ? "a configuration without a PID" : "configuration " + pid;
    }

    /**
     * The school a configuration is named for: the name of a named factory configuration
     * ({@code factoryPid~name}) or of its file ({@code factoryPid-name.cfg}); null when it has
     * neither (one created through ConfigurationAdmin with a generated PID).
     */
    static @Nullable String nameOf(String connector, Map<String, ?> properties) {
        Object file = properties.get("felix.fileinstall.filename");
        if (file != null) {
            String f = file.toString();
            String base = f.substring(Math.max(f.lastIndexOf('/'), f.lastIndexOf('\\')) + 1);
            int dot = base.lastIndexOf('.');
            base = dot > 0 ? base.substring(0, dot) : base;
            return base.startsWith(connector + "-") ? base.substring(connector.length() + 1) : null;
        }
        Object pid = properties.get("service.pid");
        if (pid != null) {
            String p = pid.toString();
            if (p.startsWith(connector + "~")) {
                return p.substring(connector.length() + 1);
            }
        }
        return null;
    }
}
