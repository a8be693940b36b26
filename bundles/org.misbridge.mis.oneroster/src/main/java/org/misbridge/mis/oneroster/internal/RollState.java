package org.misbridge.mis.oneroster.internal;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.model.ApplicationStatus;
import org.misbridge.api.model.Enrolment;

/**
 * When a OneRoster student is on roll, a leaver or a pre-admission (docs/configuration.md, "Roll state"). Only
 * school-level facts count: the user's {@code status} and {@code enabledUser}, and the dates of
 * their time at the school, which OneRoster 1.2 gives on the student role ({@code roles.csv}
 * begin and end dates) and some providers give as a school-level enrolment (an enrolment row
 * without a class). Class enrolment dates never count: a timetable that ended in July and one
 * that starts in September say nothing about who is on roll in August.
 *
 * <p>One per user: add each span at the school, then ask.
 */
final class RollState {

    private final LocalDate today;
    private int spans;
    private @Nullable LocalDate earliestBegin;
    private boolean current;
    private boolean currentOpen;
    private @Nullable LocalDate currentBegin;
    private @Nullable LocalDate currentEnd;
    private @Nullable LocalDate futureBegin;
    private @Nullable LocalDate endedOn;

    RollState(LocalDate today) {
        this.today = today;
    }

    /** One time at the school, either end open. */
    RollState span(@Nullable LocalDate begin, @Nullable LocalDate end) {
        spans++;
        earliestBegin = earliest(earliestBegin, begin);
        boolean begun = begin == null || !begin.isAfter(today);
        boolean ended = end != null && end.isBefore(today);
        if (begun && !ended) {
            current = true;
            currentBegin = begin == null ? currentBegin : earliest(currentBegin, begin);
            currentOpen |= end == null;
            currentEnd = end == null ? currentEnd : latest(currentEnd, end);
        } else if (!begun) {
            futureBegin = earliest(futureBegin, begin);
        } else {
            endedOn = latest(endedOn, end);
        }
        return this;
    }

    /**
     * A student deleted ({@code tobedeleted}) or disabled ({@code enabledUser} false) is a leaver, on
     * the day their time at the school ended if known, else on {@code dateLastModified}, else today.
     * Otherwise: without school-level dates, on roll; a time at the school that has begun and not
     * ended, on roll from its begin date; else one still to begin, a pre-admission (accepted, from that
     * date); else every time ended, a leaver on the last end date.
     */
    Enrolment student(boolean deletedOrDisabled, @Nullable LocalDate lastModified) {
        return student(deletedOrDisabled, false, lastModified);
    }

    /**
     * As {@link #student(boolean, LocalDate)}, except that a student who is only disabled (not
     * deleted) and whose every time at the school is still to begin is a pre-admission: someone who
     * has not started cannot sign in yet, and providers (MIS Bridge's own among them) say so with
     * {@code enabledUser} false. A leaver's time has ended, so a disabled student who has been here stays one.
     */
    Enrolment student(boolean deleted, boolean disabled, @Nullable LocalDate lastModified) {
        if (disabled && !deleted && !current && futureBegin != null && endedOn == null) {
            return Enrolment.preAdmission(ApplicationStatus.ACCEPTED, futureBegin);
        }
        if (deleted || disabled) {
            return Enrolment.leaver(admission(), endedOn != null ? endedOn : lastModified != null ? lastModified : today);
        }
        if (spans == 0) {
            return Enrolment.onRollSinceUnknown(null); // no dates: the admission date is unknown, not cleared
        }
        if (current) {
            return Enrolment.onRoll(currentBegin, currentOpen ? null : currentEnd);
        }
        if (futureBegin != null) {
            return Enrolment.preAdmission(ApplicationStatus.ACCEPTED, futureBegin);
        }
        return Enrolment.leaver(earliestBegin, endedOn);
    }

    /** A member of staff's leaving date by the same signals; null while they stay (or are still to start). */
    @Nullable LocalDate staffLeaving(boolean deletedOrDisabled, @Nullable LocalDate lastModified) {
        if (deletedOrDisabled) {
            return endedOn != null ? endedOn : lastModified != null ? lastModified : today;
        }
        return spans > 0 && !current && futureBegin == null ? endedOn : null;
    }

    private @Nullable LocalDate admission() {
        return earliestBegin != null && !earliestBegin.isAfter(today) ? earliestBegin : null;
    }

    private static @Nullable LocalDate earliest(@Nullable LocalDate a, @Nullable LocalDate b) {
        return a == null ? b : b == null || !b.isBefore(a) ? a : b;
    }

    private static @Nullable LocalDate latest(@Nullable LocalDate a, @Nullable LocalDate b) {
        return a == null ? b : b == null || !b.isAfter(a) ? a : b;
    }
}
