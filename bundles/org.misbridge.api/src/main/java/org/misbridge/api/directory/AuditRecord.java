package org.misbridge.api.directory;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a school's audit trail: who did what, to what, affecting how many records.
 *
 * @param actor the user name, or the service that acted
 * @param action what was done, e.g. {@code remove-member}, {@code sync --force}
 * @param target what it was done to, e.g. a member id
 * @param affected how many records it changed
 */
public record AuditRecord(Instant at, String actor, String action, String target, int affected) {
    public AuditRecord {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
    }
}
