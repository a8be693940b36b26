package org.misbridge.api.lifecycle;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A member deleted from a school's directory: what is kept about them (payment records, audit
 * history) is anonymised once the school's retention period has passed.
 *
 * @param values how many personal values (names, emails, mobiles) are still to be scrubbed; 0 once anonymised
 */
public record Erasure(String memberId, Instant deletedAt, @Nullable Instant anonymisedAt, int values) {

    public Erasure {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(deletedAt, "deletedAt");
    }
}
