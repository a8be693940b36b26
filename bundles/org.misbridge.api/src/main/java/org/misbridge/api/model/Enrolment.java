package org.misbridge.api.model;

import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A student's enrolment: on roll (with the date they joined, if known), a pre-admission with its
 * application status and admission date, or a leaver with the leaving date.
 *
 * <p>A null {@code admissionDate} means the MIS did not say when the student joined (OneRoster
 * without a dated enrolment at the school, say), not that there is no such date: see
 * {@link #admissionDateKnown()}. A sync keeps the date it already has for the student then, and
 * takes the MIS's date whenever the MIS gives one.
 */
public record Enrolment(
        EnrolmentState state,
        @Nullable ApplicationStatus applicationStatus,
        @Nullable LocalDate admissionDate,
        @Nullable LocalDate leavingDate) {

    public Enrolment {
        Objects.requireNonNull(state, "state");
        if (state == EnrolmentState.PRE_ADMISSION && (applicationStatus == null || admissionDate == null)) {
            throw new IllegalArgumentException("a pre-admission needs an application status and an admission date");
        }
        if (state == EnrolmentState.LEAVER && leavingDate == null) {
            throw new IllegalArgumentException("a leaver needs a leaving date");
        }
    }

    /** Whether the MIS gave the admission date; when it did not, a date stored before stands. */
    public boolean admissionDateKnown() {
        return admissionDate != null;
    }

    /** On roll since a date the MIS does not give. */
    public static Enrolment onRollSinceUnknown(@Nullable LocalDate plannedLeavingDate) {
        return new Enrolment(EnrolmentState.ON_ROLL, null, null, plannedLeavingDate);
    }

    public static Enrolment onRoll(@Nullable LocalDate admissionDate, @Nullable LocalDate plannedLeavingDate) {
        return new Enrolment(EnrolmentState.ON_ROLL, null, admissionDate, plannedLeavingDate);
    }

    public static Enrolment preAdmission(ApplicationStatus status, LocalDate admissionDate) {
        return new Enrolment(EnrolmentState.PRE_ADMISSION, status, admissionDate, null);
    }

    public static Enrolment leaver(@Nullable LocalDate admissionDate, LocalDate leavingDate) {
        return new Enrolment(EnrolmentState.LEAVER, null, admissionDate, leavingDate);
    }
}
