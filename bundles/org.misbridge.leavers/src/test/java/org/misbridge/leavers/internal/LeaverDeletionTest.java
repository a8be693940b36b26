package org.misbridge.leavers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DetailKind;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.api.model.ParentalResponsibility;

/**
 * A teacher who is also a parent is a member and a linked adult under one id, with one set of
 * details: deleting either side must not take the details the other side still uses.
 */
class LeaverDeletionTest {

    private static Member member(String id, MemberKind kind, EnrolmentState state) {
        return new Member(id, kind, "Tom", id, null, null, state, null, null, null, Origin.IMPORT);
    }

    private static final ContactDetail TOMS_EMAIL = new ContactDetail("tp", DetailKind.EMAIL, "tom@school.example", false,
            Origin.IMPORT);
    private static final Link TOM_FOR_AMY = new Link("amy", "tp", 1, true, "parent", ParentalResponsibility.UNKNOWN, Origin.IMPORT);

    @Test
    void aDeletedStaffLeaverWhoStaysAParentKeepsTheDetailsTheirChildNeeds() {
        DirectoryState state = new DirectoryState("s",
                List.of(member("tp", MemberKind.STAFF, EnrolmentState.LEAVER), member("amy", MemberKind.STUDENT, EnrolmentState.ON_ROLL)),
                List.of(new LinkedPerson("tp", "Tom", "Hart", Origin.IMPORT)), List.of(TOM_FOR_AMY), List.of(TOMS_EMAIL),
                List.of(), List.of(), List.of());

        ChangeSet deletion = LeaverDeletion.of(state, List.of("tp"));

        assertThat(deletion.members().removed()).extracting(Member::id).containsExactly("tp");
        assertThat(deletion.people().removed()).isEmpty();
        assertThat(deletion.details().removed()).isEmpty();
    }

    @Test
    void aDeletedPupilsParentWhoStaysOnTheStaffKeepsTheirDetails() {
        DirectoryState state = new DirectoryState("s",
                List.of(member("tp", MemberKind.STAFF, EnrolmentState.ON_ROLL), member("amy", MemberKind.STUDENT, EnrolmentState.LEAVER)),
                List.of(new LinkedPerson("tp", "Tom", "Hart", Origin.IMPORT)), List.of(TOM_FOR_AMY), List.of(TOMS_EMAIL),
                List.of(), List.of(), List.of());

        ChangeSet deletion = LeaverDeletion.of(state, List.of("amy"));

        assertThat(deletion.people().removed()).extracting(LinkedPerson::id).containsExactly("tp");
        assertThat(deletion.details().removed()).isEmpty();
    }
}
