package org.misbridge.api.directory;

import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.model.ApplicationStatus;
import org.misbridge.api.model.EnrolmentState;

/** A student or staff member in a school's directory, keyed by MIS id. */
public record Member(
        String id,
        MemberKind kind,
        String givenName,
        String familyName,
        @Nullable String yearGroup,
        @Nullable String registrationGroup,
        EnrolmentState state,
        @Nullable ApplicationStatus applicationStatus,
        @Nullable LocalDate admissionDate,
        @Nullable LocalDate leavingDate,
        Origin origin) implements Keyed {

    public Member {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(givenName, "givenName");
        Objects.requireNonNull(familyName, "familyName");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(origin, "origin");
    }

    @Override
    public String key() {
        return id;
    }

    public Member withState(EnrolmentState newState, @Nullable LocalDate newLeavingDate) {
        return new Member(id, kind, givenName, familyName, yearGroup, registrationGroup, newState,
                applicationStatus, admissionDate, newLeavingDate, origin);
    }
}
