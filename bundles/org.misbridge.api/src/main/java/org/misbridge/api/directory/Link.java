package org.misbridge.api.directory;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.model.ParentalResponsibility;

/** A linked person's tie to a student: priority, whether they are a prime parent, and who made it. */
public record Link(
        String memberId,
        String personId,
        int priority,
        boolean prime,
        @Nullable String relationship,
        ParentalResponsibility parentalResponsibility,
        Origin origin) implements Keyed {

    public Link {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(parentalResponsibility, "parentalResponsibility");
        Objects.requireNonNull(origin, "origin");
    }

    @Override
    public String key() {
        return memberId + '\u0000' + personId;
    }
}
