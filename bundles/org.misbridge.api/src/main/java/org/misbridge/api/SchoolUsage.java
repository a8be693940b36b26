package org.misbridge.api;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Who reads a school's directory from outside, for {@code school:status}: a bundle that serves the
 * directory to other systems (the OneRoster provider) registers one; with none registered, nothing
 * serves the school. It names clients by id only, never a secret or a token.
 */
@ProviderType
public interface SchoolUsage {

    /** The clients allowed to read the school, by id, each with its use so far today (UTC) and its last use. */
    List<ClientUse> clients(String schoolId);

    /**
     * @param requestsToday data requests the client made since midnight UTC (to any of its schools: a request
     *        reads all of them at once)
     * @param lastUse when it last made one since the host started, or null
     */
    record ClientUse(String clientId, long requestsToday, @Nullable Instant lastUse) {
    }
}
