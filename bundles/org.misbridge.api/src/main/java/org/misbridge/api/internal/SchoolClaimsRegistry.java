package org.misbridge.api.internal;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.SchoolClaims;
import org.misbridge.api.SchoolProperties;
import org.osgi.service.component.annotations.Component;

/**
 * The host's one {@link SchoolClaims}: every connector's claims, by connector and school. Outside
 * OSGi (tests) a plain instance serves the components that should see each other's claims.
 */
@Component(service = SchoolClaims.class)
public final class SchoolClaimsRegistry implements SchoolClaims {

    private final ConcurrentMap<String, String> claims = new ConcurrentHashMap<>();

    /** A held claim, released from the registry that holds it. */
    private final class Held implements Claim {
        private final String key;
        private final String owner;

        private Held(String key, String owner) {
            this.key = key;
            this.owner = owner;
        }

        @Override
        public void close() {
            claims.remove(key, owner);
        }
    }

    @Override
    public Claim claim(String connector, String schoolId, Map<String, ?> properties) {
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
        String holder = claims.putIfAbsent(key, config);
        if (holder != null && !holder.equals(config)) {
            throw new IllegalArgumentException(config + " is refused: school '" + schoolId + "' already has a "
                    + connector + " configuration, " + holder + "; one " + connector
                    + " configuration per school (remove one of the two)");
        }
        return new Held(key, config);
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
