package org.misbridge.api.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How one contact relates to one student: priority 1 is the first to call. The same contact can
 * have a different priority for each sibling.
 */
public record ContactLink(
        String studentId,
        String contactId,
        int priority,
        ParentalResponsibility parentalResponsibility,
        @Nullable String relationship) {

    public ContactLink {
        Objects.requireNonNull(studentId, "studentId");
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(parentalResponsibility, "parentalResponsibility");
        if (priority < 1) {
            throw new IllegalArgumentException("priority starts at 1, was " + priority);
        }
    }
}
