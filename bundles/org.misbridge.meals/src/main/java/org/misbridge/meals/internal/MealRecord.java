package org.misbridge.meals.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One member as the meal manager receives them. {@code status} is Open or Closed when this change
 * sets it and null when only other fields changed, so a school's own On Hold is never overwritten.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MealRecord(
        String memberId,
        String kind,
        @Nullable String givenName,
        @Nullable String familyName,
        @Nullable String yearGroup,
        @Nullable String registrationGroup,
        @Nullable String status,
        boolean preAdmission,
        @Nullable String admissionDate) {

    public static final String OPEN = "Open";
    public static final String CLOSED = "Closed";
}
