package org.misbridge.mis.ctf.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.misbridge.mis.ctf.internal.CtfFixtures.TODAY;

import java.nio.file.Path;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.model.Coverage;
import org.misbridge.api.model.Enrolment;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.testkit.CtfWriter;

/**
 * The leaver rule (the LeavingDate of the pupil's stay at the sending school, the last day on roll,
 * makes a leaver from the next day), the DfE number check and when a CTF is the whole roll.
 */
class CtfEnrolmentAndCoverageTest {

    private static final String UPN = "A999400100009";

    @TempDir
    Path temp;

    private Enrolment enrolmentWith(String history) throws Exception {
        Path file = CtfFixtures.write(temp.resolve("one.xml"), CtfFixtures.ctf(CtfFixtures.header("partial"),
                CtfFixtures.pupil(UPN, "<SchoolHistory>" + history + "</SchoolHistory>")));
        return CtfFixtures.read(file).students().get(0).enrolment();
    }

    private static String stay(String estab, String entry, @Nullable LocalDate leaving) {
        return "<School><LEA>999</LEA><Estab>" + estab + "</Estab><EntryDate>" + entry + "</EntryDate>"
                + (leaving == null ? "" : "<LeavingDate>" + leaving + "</LeavingDate>") + "</School>";
    }

    @Test
    void aLeavingDateBeforeTodayMakesALeaver() throws Exception {
        assertThat(enrolmentWith(stay("4001", "2020-09-03", TODAY.minusDays(1))))
                .isEqualTo(Enrolment.leaver(LocalDate.of(2020, 9, 3), TODAY.minusDays(1)));
    }

    @Test
    void aPupilLeavingTodayIsStillOnRollWithThatPlannedLeavingDate() throws Exception {
        assertThat(enrolmentWith(stay("4001", "2020-09-03", TODAY)))
                .isEqualTo(Enrolment.onRoll(LocalDate.of(2020, 9, 3), TODAY));
    }

    @Test
    void aFutureLeavingDateIsPlannedNotLeft() throws Exception {
        assertThat(enrolmentWith(stay("4001", "2020-09-03", TODAY.plusMonths(1))))
                .isEqualTo(Enrolment.onRoll(LocalDate.of(2020, 9, 3), TODAY.plusMonths(1)));
    }

    @Test
    void onlyTheSendingSchoolsStayCountsNotAnEarlierSchools() throws Exception {
        assertThat(enrolmentWith(stay("3001", "2013-09-04", LocalDate.of(2020, 7, 20)) + stay("4001", "2020-09-03", null)))
                .isEqualTo(Enrolment.onRoll(LocalDate.of(2020, 9, 3), null));
    }

    @Test
    void aPupilWhoRejoinedIsJudgedByTheLatestStay() throws Exception {
        assertThat(enrolmentWith(stay("4001", "2018-09-03", LocalDate.of(2019, 3, 1)) + stay("4001", "2021-01-05", null)))
                .isEqualTo(Enrolment.onRoll(LocalDate.of(2021, 1, 5), null));
    }

    @Test
    void noHistoryMeansOnRollWithNoKnownDates() throws Exception {
        assertThat(enrolmentWith("")).isEqualTo(Enrolment.onRoll(null, null));
    }

    @Test
    void aCtfFromAnotherSchoolIsRefusedWhenTheDfeNumberIsSet() throws Exception {
        Path file = CtfFixtures.knownSchool(temp);
        CtfReader reader = new CtfReader("school-a", file, "9994002", false, CtfLimits.defaults(), CtfFixtures.CLOCK);
        assertThatThrownBy(reader::read).isInstanceOf(MisReadException.class)
                .hasMessageContaining("known.xml").hasMessageContaining("CTfile/Header/SourceSchool")
                .hasMessageContaining("9994001").hasMessageContaining("9994002");
    }

    @Test
    void aCtfOfThisSchoolPassesTheDfeNumberCheck() throws Exception {
        Path file = CtfFixtures.knownSchool(temp);
        CtfReader reader = new CtfReader("school-a", file, CtfWriter.KNOWN_DFE, false, CtfLimits.defaults(), CtfFixtures.CLOCK);
        assertThat(reader.read().students()).hasSize(5);
    }

    @Test
    void aFullCtfIsTheWholeRollOnlyWhenTheSchoolSaysItsCtfsAreItsWholeRoll() throws Exception {
        Path full = CtfFixtures.write(temp.resolve("full.xml"), CtfFixtures.ctf(CtfFixtures.header("full"), CtfFixtures.pupil(UPN, "")));
        Path partial = CtfFixtures.write(temp.resolve("p/partial.xml"), CtfFixtures.ctf(CtfFixtures.header("partial"),
                CtfFixtures.pupil(UPN, "")));
        assertThat(coverage(full, true)).isEqualTo(Coverage.WHOLE_ROLL);
        assertThat(coverage(full, false)).isEqualTo(Coverage.PARTIAL);
        assertThat(coverage(partial, true)).isEqualTo(Coverage.PARTIAL);
        assertThat(coverage(partial, false)).isEqualTo(Coverage.PARTIAL);
    }

    private static Coverage coverage(Path file, boolean wholeRoll) throws MisReadException {
        Snapshot snapshot = new CtfReader("school-a", file, null, wholeRoll, CtfLimits.defaults(), CtfFixtures.CLOCK).read();
        return snapshot.coverage();
    }
}
