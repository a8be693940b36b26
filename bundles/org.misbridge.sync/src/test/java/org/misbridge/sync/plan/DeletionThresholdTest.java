package org.misbridge.sync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.Changes;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.model.EnrolmentState;

class DeletionThresholdTest {

    private static final DeletionThreshold DEFAULTS = DeletionThreshold.defaults();

    private static List<Member> students(int n, Origin origin) {
        List<Member> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Member("s" + i, MemberKind.STUDENT, "G", "F", "7", "7A", EnrolmentState.ON_ROLL, null, null, null, origin));
        }
        return out;
    }

    private static DirectoryState state(List<Member> members, List<LinkedPerson> people) {
        return new DirectoryState("x", members, people, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static ChangeSet leaving(List<Member> leavers) {
        List<Member> updated = leavers.stream().map(m -> m.withState(EnrolmentState.LEAVER, null)).toList();
        return new ChangeSet(new Changes<>(List.of(), updated, List.of()), Changes.none(), Changes.none(),
                Changes.none(), Changes.none(), Changes.none(), List.of());
    }

    @Test
    void moreThanTenPercentOfStudentsBecomingLeaversIsRefused() {
        List<Member> roll = students(200, Origin.IMPORT);

        assertThat(DEFAULTS.violations(leaving(roll.subList(0, 21)), state(roll, List.of())))
                .singleElement().asString().contains("students: 21 of 200 (11%)");
        assertThat(DEFAULTS.violations(leaving(roll.subList(0, 20)), state(roll, List.of()))).isEmpty();
    }

    @Test
    void moreThanFiveHundredRemovalsIsRefusedWhateverTheShare() {
        List<Member> roll = students(10_000, Origin.IMPORT);

        assertThat(DEFAULTS.violations(leaving(roll.subList(0, 501)), state(roll, List.of())))
                .singleElement().asString().contains("more than the limit of 500");
    }

    @Test
    void oneLeaverInATinySchoolIsNotAMassRemoval() {
        List<Member> roll = students(4, Origin.IMPORT);

        assertThat(DEFAULTS.violations(leaving(roll.subList(0, 1)), state(roll, List.of()))).isEmpty();
    }

    @Test
    void moreThanThreeQuartersOfContactsRewrittenIsRefused() {
        List<LinkedPerson> people = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            people.add(new LinkedPerson("p" + i, "A", "B", Origin.IMPORT));
        }
        List<LinkedPerson> renamed = people.subList(0, 80).stream().map(p -> new LinkedPerson(p.id(), "Z", "B", Origin.IMPORT)).toList();
        ChangeSet changes = new ChangeSet(Changes.none(), new Changes<>(List.of(), renamed, List.of()), Changes.none(),
                Changes.none(), Changes.none(), Changes.none(), List.of());

        assertThat(DEFAULTS.violations(changes, state(List.of(), people))).singleElement().asString()
                .contains("contacts: 80 of 100 (80%) would be updated");
    }

    @Test
    void aFirstImportIsNeverRefused() {
        ChangeSet first = new ChangeSet(new Changes<>(students(5000, Origin.IMPORT), List.of(), List.of()), Changes.none(),
                Changes.none(), Changes.none(), Changes.none(), Changes.none(), List.of());

        assertThat(DEFAULTS.violations(first, DirectoryState.empty("x"))).isEmpty();
    }
}
