package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DataIssue;
import org.misbridge.api.directory.DeliveryFeedback;
import org.misbridge.api.directory.DetailKind;
import org.misbridge.api.directory.OptOut;

/**
 * Issue 23, item 6: data issues an operator can act on. The Schoolcomms "Managing your data"
 * article treats the three ways a detail gets blocked differently (a permanent bounce: check the
 * address and the contact's safe senders; spam: check the contact wants the school's emails; failed
 * texts: the number is most likely wrong, correct it in the MIS), and the operator finds the
 * contact through a student's linked people; so each issue names the student, the contact and its
 * own cause. An opted-out contact keeps no details, blocked ones included; after opting in, a
 * detail that was blocked comes back blocked, and only a re-enable (the article's separate step)
 * unblocks it.
 */
class ActionableIssuesTest {

    private static RecordedSchool family(RecordedSchool.Store store) {
        RecordedSchool school = new RecordedSchool(store);
        school.onRoll("s1");
        school.onRoll("s2");
        school.contact("mum", "mum@example.org", "07700900001");
        school.contact("dad", "dad@example.org", null);
        school.link("s1", "mum", 1);
        school.link("s2", "dad", 1);
        return school;
    }

    private static void report(RecordedSchool school, DetailKind kind, String value, DeliveryFeedback feedback, int times) {
        for (int i = 0; i < times; i++) {
            school.directory.preferences().recordDelivery(RecordedSchool.ID, kind, value, feedback);
        }
    }

    private static DataIssue blockedIssueFor(List<DataIssue> issues, String value) {
        return issues.stream().filter(i -> i.kind().equals("blocked-detail") && i.reason().contains("'" + value + "'"))
                .findFirst().orElseThrow(() -> new AssertionError("no blocked-detail issue for " + value + " in " + issues));
    }

    @ParameterizedTest
    @EnumSource(RecordedSchool.Store.class)
    void eachBlockedDetailIssueNamesTheStudentTheContactAndItsOwnCause(RecordedSchool.Store store) throws Exception {
        try (RecordedSchool school = family(store)) {
            school.sync();
            report(school, DetailKind.EMAIL, "mum@example.org", DeliveryFeedback.PERMANENT_BOUNCE, 3);
            report(school, DetailKind.EMAIL, "dad@example.org", DeliveryFeedback.SPAM_COMPLAINT, 1);
            report(school, DetailKind.MOBILE, "07700900001", DeliveryFeedback.FAILED_TEXT, 3);

            // as raised when the detail is blocked, and as every later sync keeps it
            for (List<DataIssue> issues : List.of(school.directory.dataIssues(RecordedSchool.ID), afterSync(school))) {
                DataIssue bounced = blockedIssueFor(issues, "mum@example.org");
                DataIssue spam = blockedIssueFor(issues, "dad@example.org");
                DataIssue texts = blockedIssueFor(issues, "07700900001");
                assertThat(List.of(bounced.memberId(), bounced.personId(), bounced.field())).containsExactly("s1", "mum", "email");
                assertThat(List.of(spam.memberId(), spam.personId(), spam.field())).containsExactly("s2", "dad", "email");
                assertThat(List.of(texts.memberId(), texts.personId(), texts.field())).containsExactly("s1", "mum", "mobile");
                assertThat(bounced.reason()).contains("bounced").doesNotContain("spam").doesNotContain("text");
                assertThat(spam.reason()).contains("spam").doesNotContain("bounce");
                assertThat(texts.reason()).contains("texts").contains("failed").contains("correct it in the MIS");
                assertThat(List.of(bounced.reason(), spam.reason(), texts.reason()))
                        .allSatisfy(r -> assertThat(r).contains("school:reenable"));
            }
        }
    }

    private static List<DataIssue> afterSync(RecordedSchool school) {
        school.sync();
        return school.state().dataIssues();
    }

    @ParameterizedTest
    @EnumSource(RecordedSchool.Store.class)
    void optingOutRemovesEveryDetailBlockedOnesTooAndOptingInBringsThemBackStillBlocked(RecordedSchool.Store store)
            throws Exception {
        try (RecordedSchool school = family(store)) {
            school.sync();
            report(school, DetailKind.EMAIL, "mum@example.org", DeliveryFeedback.SPAM_COMPLAINT, 1);
            school.sync();
            assertThat(school.detailsOf("mum")).filteredOn(ContactDetail::blocked).hasSize(1);

            school.directory.preferences().setOptOut(RecordedSchool.ID, new OptOut(OptOut.Kind.CONTACT, "mum"), true);
            school.sync();
            assertThat(school.detailsOf("mum")).isEmpty();
            assertThat(school.issues("blocked-detail")).isEmpty();

            school.directory.preferences().setOptOut(RecordedSchool.ID, new OptOut(OptOut.Kind.CONTACT, "mum"), false);
            school.sync();
            assertThat(school.detailsOf("mum")).extracting(ContactDetail::value, ContactDetail::blocked)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("mum@example.org", true),
                            org.assertj.core.groups.Tuple.tuple("07700900001", false));
            assertThat(blockedIssueFor(school.state().dataIssues(), "mum@example.org").reason()).contains("spam");

            school.directory.preferences().reenable(RecordedSchool.ID, DetailKind.EMAIL, "mum@example.org", "operator");
            school.sync();
            assertThat(school.detailsOf("mum")).noneMatch(ContactDetail::blocked);
            assertThat(school.issues("blocked-detail")).isEmpty();
        }
    }
}
