package org.misbridge.mis.oneroster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.misbridge.api.model.ApplicationStatus;
import org.misbridge.api.model.Enrolment;

/** The roll-state rule on school-level spans alone, worked by hand for a day in the summer holiday. */
class RollStateTest {

    private static final LocalDate AUGUST = LocalDate.of(2026, 8, 20);
    private static final LocalDate LAST_MODIFIED = LocalDate.of(2026, 8, 1);

    private static RollState roll() {
        return new RollState(AUGUST);
    }

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void noSchoolLevelDatesIsOnRoll() {
        assertThat(roll().student(false, null)).isEqualTo(Enrolment.onRoll(null, null));
        assertThat(roll().staffLeaving(false, null)).isNull();
    }

    @Test
    void aSpanThatHasBegunAndNotEndedIsOnRollFromItsBeginWhateverElseThereIs() {
        RollState roll = roll().span(d("2019-09-01"), d("2021-07-20")).span(d("2024-09-04"), null).span(d("2027-09-01"), null);
        assertThat(roll.student(false, null)).isEqualTo(Enrolment.onRoll(d("2024-09-04"), null));
        assertThat(roll().span(d("2024-09-04"), d("2026-12-18")).student(false, null))
                .isEqualTo(Enrolment.onRoll(d("2024-09-04"), d("2026-12-18")));
        assertThat(roll().span(null, AUGUST).student(false, null)).isEqualTo(Enrolment.onRoll(null, AUGUST));
    }

    @Test
    void onlySpansStillToBeginMakeAPreAdmissionFromTheEarliest() {
        RollState roll = roll().span(d("2026-09-03"), null).span(d("2026-09-02"), d("2027-07-21"));
        assertThat(roll.student(false, null)).isEqualTo(Enrolment.preAdmission(ApplicationStatus.ACCEPTED, d("2026-09-02")));
        assertThat(roll().span(d("2019-09-01"), d("2026-07-22")).span(d("2026-09-02"), null).student(false, null))
                .isEqualTo(Enrolment.preAdmission(ApplicationStatus.ACCEPTED, d("2026-09-02")));
    }

    @Test
    void onlyEndedSpansMakeALeaverOnTheLastEnd() {
        RollState roll = roll().span(d("2019-09-01"), d("2021-07-20")).span(d("2022-09-01"), d("2026-07-22"));
        assertThat(roll.student(false, null)).isEqualTo(Enrolment.leaver(d("2019-09-01"), d("2026-07-22")));
        assertThat(roll.staffLeaving(false, null)).isEqualTo(d("2026-07-22"));
    }

    @Test
    void deletedOrDisabledIsALeaverOnTheEndDateElseTheLastChangeElseToday() {
        assertThat(roll().span(d("2019-09-01"), d("2026-07-22")).student(true, LAST_MODIFIED))
                .isEqualTo(Enrolment.leaver(d("2019-09-01"), d("2026-07-22")));
        assertThat(roll().span(d("2019-09-01"), null).student(true, LAST_MODIFIED))
                .isEqualTo(Enrolment.leaver(d("2019-09-01"), LAST_MODIFIED));
        assertThat(roll().student(true, null)).isEqualTo(Enrolment.leaver(null, AUGUST));
        assertThat(roll().span(d("2027-09-01"), null).student(true, null)).isEqualTo(Enrolment.leaver(null, AUGUST));
        assertThat(roll().staffLeaving(true, LAST_MODIFIED)).isEqualTo(LAST_MODIFIED);
    }

    @Test
    void disabledWithEveryTimeStillToBeginIsAPreAdmissionButDeletedIsALeaver() {
        // today is in the summer holiday before 1 September 2026 (AUGUST): a time from 2026-09-02 has not begun
        assertThat(roll().span(d("2026-09-02"), null).student(false, true, LAST_MODIFIED))
                .isEqualTo(Enrolment.preAdmission(ApplicationStatus.ACCEPTED, d("2026-09-02")));
        assertThat(roll().span(d("2026-09-02"), null).student(true, false, LAST_MODIFIED))
                .isEqualTo(Enrolment.leaver(null, LAST_MODIFIED));
        // one who was here before and is disabled has left, whatever is planned
        assertThat(roll().span(d("2019-09-01"), d("2026-07-22")).span(d("2026-09-02"), null).student(false, true, LAST_MODIFIED))
                .isEqualTo(Enrolment.leaver(d("2019-09-01"), d("2026-07-22")));
        assertThat(roll().student(false, true, LAST_MODIFIED)).isEqualTo(Enrolment.leaver(null, LAST_MODIFIED));
    }
}
