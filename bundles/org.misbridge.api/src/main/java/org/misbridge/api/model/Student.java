package org.misbridge.api.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A pupil as the MIS knows them. {@code id} is the MIS's stable id (sourcedId, Wonde id or UPN);
 * {@code upn} is the DfE unique pupil number where the source has one.
 */
public record Student(
        String id,
        @Nullable String upn,
        String givenName,
        String familyName,
        @Nullable String yearGroup,
        @Nullable String registrationGroup,
        Enrolment enrolment) {

    public Student {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(givenName, "givenName");
        Objects.requireNonNull(familyName, "familyName");
        Objects.requireNonNull(enrolment, "enrolment");
    }
}
