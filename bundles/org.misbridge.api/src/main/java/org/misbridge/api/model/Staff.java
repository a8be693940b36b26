package org.misbridge.api.model;

import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A member of staff with the one email and mobile the MIS gives for them. */
public record Staff(
        String id,
        String givenName,
        String familyName,
        @Nullable String email,
        @Nullable String mobile,
        @Nullable LocalDate leavingDate) {

    public Staff {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(givenName, "givenName");
        Objects.requireNonNull(familyName, "familyName");
    }
}
