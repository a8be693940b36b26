package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DataIssue;
import org.misbridge.api.directory.DetailKind;
import org.misbridge.api.model.Staff;

/**
 * Issue 23, item 3: only UK mobiles are imported as mobiles, in one form (07 and nine digits).
 * The ranges are Ofcom's national numbering plan: mobiles are 071–075, 077–079 and 07624 (the Isle
 * of Man); 070 is personal numbering and the rest of 076 pagers, neither of which reliably takes a
 * text. Anything else is a data issue naming the member, the contact and the value, and a contact
 * without a stored mobile is not reachable by text in the dashboard.
 */
class UkMobilesTest {

    private static RecordedSchool oneParentWithMobile(String number) {
        RecordedSchool school = new RecordedSchool(RecordedSchool.Store.H2);
        school.onRoll("s1");
        school.contact("mum", null, number);
        school.link("s1", "mum", 1);
        return school;
    }

    @ParameterizedTest(name = "''{0}'' is stored as 07700900313")
    @CsvSource(delimiter = '|', value = {
        "07700900313", "07700 900313", "07700 900 313", "07700-900-313", "+447700900313", "+44 7700 900313",
        "+44 (0)7700 900313", "+44(0)7700-900313", "447700900313", "44 7700 900313", "0044 7700 900313",
        "0044 (0) 7700 900313", "(07700) 900313", "+44 07700 900313"})
    void aUkMobileInAnyCommonFormIsStoredInOneForm(String written) throws Exception {
        try (RecordedSchool school = oneParentWithMobile(written)) {
            school.sync();

            assertThat(school.detailsOf("mum")).extracting(ContactDetail::kind, ContactDetail::value)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(DetailKind.MOBILE, "07700900313"));
            assertThat(school.state().dataIssues()).isEmpty();
            assertThat(SchoolStatistics.of(school.state()).reachableByMobile()).isEqualTo(1);
        }
    }

    @Test
    void theIsleOfManMobileRangeIsAUkMobile() throws Exception {
        try (RecordedSchool school = oneParentWithMobile("+44 7624 123456")) {
            school.sync();

            assertThat(school.detailsOf("mum")).extracting(ContactDetail::value).containsExactly("07624123456");
        }
    }

    @ParameterizedTest(name = "''{0}'' is not imported as a mobile")
    @CsvSource(delimiter = '|', value = {
        "01632960001 | landline", "01632 960001 | landline", "+44 1632 960001 | landline", "02079460000 | landline",
        "03069990000 | landline", "0800 123 4567 | not a mobile", "07000 123456 | personal number",
        "07600 123456 | pager", "07700 90031 | too few digits", "07700 9003131 | too many digits",
        "+353 87 123 4567 | not a UK", "+1 202 555 0143 | not a UK", "7700900313 | not a UK mobile",
        "07700 9OO313 | not a telephone number", "ask mum | not a telephone number"})
    void anythingElseIsADataIssueNamingMemberContactAndValueAndIsNotCounted(String written, String why) throws Exception {
        try (RecordedSchool school = oneParentWithMobile(written)) {
            school.sync();

            assertThat(school.detailsOf("mum")).isEmpty();
            List<DataIssue> issues = school.state().dataIssues();
            assertThat(issues).singleElement().satisfies(i -> {
                assertThat(i.kind()).isEqualTo("invalid-mobile");
                assertThat(i.memberId()).isEqualTo("s1");
                assertThat(i.personId()).isEqualTo("mum");
                assertThat(i.field()).isEqualTo("mobile");
                assertThat(i.reason()).contains("'" + written + "'").contains(why);
            });
            assertThat(SchoolStatistics.of(school.state()).reachableByMobile()).isZero();
        }
    }

    @Test
    void aStaffMembersLandlineIsNotImportedAsAMobileEither() throws Exception {
        try (RecordedSchool school = new RecordedSchool(RecordedSchool.Store.H2)) {
            school.onRoll("s1");
            school.staff.add(new Staff("t1", "Tom", "Teacher", null, "01632 960002", null));
            school.staff.add(new Staff("t2", "Tia", "Teacher", null, "+44 (0)7700 900314", null));

            school.sync();

            assertThat(school.detailsOf("t1")).isEmpty();
            assertThat(school.detailsOf("t2")).extracting(ContactDetail::value).containsExactly("07700900314");
            assertThat(school.issues("invalid-mobile")).singleElement()
                    .satisfies(i -> assertThat(i.reason()).contains("'01632 960002'").contains("landline"));
        }
    }
}
