package org.misbridge.api.lifecycle;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A meal (or other) booking recorded against a member; one dated today or later is outstanding.
 * Amounts are in minor units (pence).
 */
public record Booking(long id, String memberId, LocalDate date, String description, long amount) {

    public Booking {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(description, "description");
    }
}
