package org.misbridge.api;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Keeps one school to its own configuration: each per-school component (sync, readers, meal export,
 * leavers) claims its school when it is activated and releases the claim when deactivated. A
 * configuration whose file or factory name says one school while its {@code school.id} says another,
 * or a second configuration of the same connector for a school that already has one, is refused
 * with a message naming both, so one school's file can never take over another school's schedule,
 * rows or credentials. One service per host holds every claim (the api bundle's component).
 */
@ProviderType
public interface SchoolClaims {

    /** A held claim; closing it lets another configuration of the connector serve the school. */
    interface Claim extends AutoCloseable {
        @Override
        void close();
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
    Claim claim(String connector, String schoolId, Map<String, ?> properties);
}
