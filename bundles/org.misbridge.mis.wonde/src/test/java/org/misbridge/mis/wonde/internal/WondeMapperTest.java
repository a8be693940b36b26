package org.misbridge.mis.wonde.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.misbridge.api.model.ApplicationStatus;
import org.misbridge.api.model.ContactLink;
import org.misbridge.api.model.Email;
import org.misbridge.api.model.EmailLocation;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.api.model.GroupKind;
import org.misbridge.api.model.ParentalResponsibility;

/** Shapes the fake does not produce: plain dates, a text relationship, form_group, odd values. */
class WondeMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private final WondeMapper mapper = new WondeMapper(EmailLocation.OTHER);

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void plainDatesUpnInEducationDetailsAndAFormGroupAreRead() throws Exception {
        StudentEntry entry = mapper.student(json("{'id':'A1','forename':'Sam','surname':'Lee','admission_date':'2025-09-01',"
                + "'education_details':{'data':{'upn':'a123456789012','leaving_date':'2027-07-20T00:00:00Z'}},"
                + "'form_group':{'data':{'id':'F1','name':'7Y'}}}"), EnrolmentState.ON_ROLL, TODAY);
        assertThat(entry).isNotNull();
        assertThat(entry.student().upn()).isEqualTo("A123456789012");
        assertThat(entry.student().registrationGroup()).isEqualTo("7Y");
        assertThat(entry.student().enrolment().admissionDate()).isEqualTo(LocalDate.of(2025, 9, 1));
        assertThat(entry.student().enrolment().leavingDate()).isEqualTo(LocalDate.of(2027, 7, 20));
        assertThat(entry.groupIds()).containsExactly("F1");
    }

    @Test
    void aDateThatIsNotADateThrowsNamingTheField() {
        assertThatThrownBy(() -> mapper.student(json("{'id':'A1','education_details':{'data':{'admission_date':"
                + "{'date':'01/09/2025'}}}}"), EnrolmentState.ON_ROLL, TODAY))
                .isInstanceOf(WondeJson.BadValue.class).hasMessageContaining("admission_date '01/09/2025'");
    }

    @Test
    void aRecordWithoutAnIdIsRefused() {
        assertThatThrownBy(() -> mapper.staff(json("{'forename':'Jo'}"))).hasMessageContaining("no id");
    }

    @Test
    void aRelationshipGivenAsTextKeepsTheTextAndUnknownResponsibility() throws Exception {
        StudentEntry entry = mapper.student(json("{'id':'A1','contacts':{'data':[{'id':'C1','forename':'Ann',"
                + "'surname':'Lee','relationship':'Mother'},{'id':'C2','relationship':{'relationship':'Father',"
                + "'priority':'2','parental_responsibility':'1'}}]}}"), EnrolmentState.ON_ROLL, TODAY);
        assertThat(entry.links()).containsExactly(
                new ContactLink("A1", "C1", 3, ParentalResponsibility.UNKNOWN, "Mother"),
                new ContactLink("A1", "C2", 2, ParentalResponsibility.YES, "Father"));
    }

    @Test
    void noPrioritiesAtAllMakeEveryContactFirstWhateverTheOrderGiven() throws Exception {
        // unranked contacts share one priority: 1 when the MIS ranks none of the student's contacts
        StudentEntry entry = mapper.student(json("{'id':'A1','contacts':{'data':[{'id':'C1'},{'id':'C2'},{'id':'C1'}]}}"),
                EnrolmentState.ON_ROLL, TODAY);
        assertThat(entry.links()).extracting(ContactLink::contactId, ContactLink::priority)
                .containsExactly(tuple("C1", 1), tuple("C2", 1));
        StudentEntry reversed = mapper.student(json("{'id':'A1','contacts':{'data':[{'id':'C2'},{'id':'C1'}]}}"),
                EnrolmentState.ON_ROLL, TODAY);
        assertThat(reversed.links()).extracting(ContactLink::contactId, ContactLink::priority)
                .containsExactlyInAnyOrder(tuple("C1", 1), tuple("C2", 1));
    }

    @Test
    void unrankedContactsShareThePriorityAfterTheLastStatedOne() throws Exception {
        // stated 1 and 3; C3 and C4 without: both 4, whichever comes first
        StudentEntry entry = mapper.student(json("{'id':'A1','contacts':{'data':[{'id':'C3'},"
                + "{'id':'C1','relationship':{'priority':1}},{'id':'C4'},{'id':'C2','relationship':{'priority':3}}]}}"),
                EnrolmentState.ON_ROLL, TODAY);
        assertThat(entry.links()).extracting(ContactLink::contactId, ContactLink::priority)
                .containsExactly(tuple("C3", 4), tuple("C1", 1), tuple("C4", 4), tuple("C2", 3));
    }

    @Test
    void aPreAdmissionWithoutAnAdmissionDateIsLeftOut() throws Exception {
        assertThat(mapper.student(json("{'id':'A1'}"), EnrolmentState.PRE_ADMISSION, TODAY)).isNull();
        StudentEntry offered = mapper.student(json("{'id':'A2','application_status':'Offered',"
                + "'education_details':{'data':{'admission_date':{'date':'2027-09-01 00:00:00.000000'}}}}"),
                EnrolmentState.PRE_ADMISSION, TODAY);
        assertThat(offered.student().enrolment().applicationStatus()).isEqualTo(ApplicationStatus.OFFERED);
    }

    @Test
    void aLeaverWithoutALeavingDateLeftWhenWondeLastUpdatedThem() throws Exception {
        StudentEntry leaver = mapper.student(json("{'id':'A1','updated_at':{'date':'2026-07-21 10:00:00.000000'}}"),
                EnrolmentState.LEAVER, TODAY);
        assertThat(leaver.student().enrolment().leavingDate()).isEqualTo(LocalDate.of(2026, 7, 21));
        assertThat(mapper.student(json("{'id':'A2'}"), EnrolmentState.LEAVER, TODAY).student().enrolment().leavingDate())
                .isEqualTo(TODAY);
    }

    @Test
    void untypedEmailsTakeTheConfiguredLocation() throws Exception {
        WondeMapper home = new WondeMapper(EmailLocation.HOME);
        assertThat(home.contact(json("{'id':'C1','contact_details':{'data':{'emails':{'email':'a@example.org',"
                + "'primary':'A@example.org','home':null,'work':'w@example.org'}}}}")).emails())
                .containsExactly(new Email("A@example.org", EmailLocation.HOME), new Email("w@example.org", EmailLocation.WORK));
    }

    @Test
    void groupTypesMapOntoKinds() {
        assertThat(WondeMapper.groupKind("REGISTRATION")).isEqualTo(GroupKind.REGISTRATION);
        assertThat(WondeMapper.groupKind("year")).isEqualTo(GroupKind.YEAR);
        assertThat(WondeMapper.groupKind("HOUSE")).isEqualTo(GroupKind.OTHER);
        assertThat(WondeMapper.groupKind(null)).isEqualTo(GroupKind.OTHER);
    }

    @Test
    void applicationStatusesMapOntoOurs() {
        assertThat(List.of("Applied", "Offer made", "Accepted", "Reserved place", "Admitted", "Rejected", "Withdrawn", "Waiting"))
                .extracting(WondeMapper::applicationStatus)
                .containsExactly(ApplicationStatus.APPLIED, ApplicationStatus.OFFERED, ApplicationStatus.ACCEPTED,
                        ApplicationStatus.RESERVED, ApplicationStatus.ADMITTED, ApplicationStatus.REJECTED,
                        ApplicationStatus.WITHDRAWN, ApplicationStatus.ACCEPTED);
    }

    @Test
    void deletionTypesMapOntoKinds() {
        assertThat(WondeReader.deletionKind("student")).isEqualTo(SchoolRecords.Kind.STUDENT);
        assertThat(WondeReader.deletionKind("Contact")).isEqualTo(SchoolRecords.Kind.CONTACT);
        assertThat(WondeReader.deletionKind("employee")).isEqualTo(SchoolRecords.Kind.EMPLOYEE);
        assertThat(WondeReader.deletionKind("class")).isEqualTo(SchoolRecords.Kind.GROUP);
        assertThat(WondeReader.deletionKind("achievement")).isNull();
    }
}
