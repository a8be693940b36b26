package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.misbridge.api.model.Contact;
import org.misbridge.api.model.ContactLink;
import org.misbridge.api.model.Coverage;
import org.misbridge.api.model.Group;
import org.misbridge.api.model.ParentalResponsibility;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Staff;
import org.misbridge.api.model.Student;
import org.misbridge.sync.plan.SnapshotChanges;

/**
 * Which families a delta touches, worked out by hand on {@link SmallFamilies}: s1 and s2 are
 * siblings who share c1 and c2, s3 has c3 alone, t1 teaches in g7a (s1, s3, t1); g9b holds s2.
 */
class SnapshotChangesTest {

    private static final Snapshot SCHOOL = SmallFamilies.school();

    private static Set<String> touched(Snapshot after) {
        return SnapshotChanges.touched(SCHOOL, after);
    }

    @Test
    void aStudentsOwnRecordTouchesTheStudentAndTheSiblingsSharingAContact() {
        assertThat(touched(SmallFamilies.students(SCHOOL, s -> s.id().equals("s1")
                ? new Student("s1", null, "Anna", "Ash", "7", "7A", s.enrolment()) : s))).containsExactlyInAnyOrder("s1", "s2");
        assertThat(touched(SmallFamilies.students(SCHOOL, s -> s.id().equals("s3")
                ? new Student("s3", null, "Cat", "Cole", "8", "7A", s.enrolment()) : s))).containsExactly("s3");
    }

    @Test
    void theOrderOfTheRecordsDoesNotMatter() {
        List<Student> renamedLast = new ArrayList<>(SCHOOL.students().subList(1, 3));
        renamedLast.add(new Student("s1", null, "Anna", "Ash", "7", "7A", SCHOOL.students().get(0).enrolment()));
        assertThat(touched(with(renamedLast, SCHOOL.staff(), SCHOOL.links(), SCHOOL.groups())))
                .as("s1 moved to the end, as a delta reader puts a changed user").containsExactlyInAnyOrder("s1", "s2");
        List<Student> reversed = new ArrayList<>(SCHOOL.students());
        Collections.reverse(reversed);
        assertThat(touched(with(reversed, SCHOOL.staff(), SCHOOL.links(), SCHOOL.groups())))
                .as("only reordered").isEmpty();
    }

    @Test
    void aContactTouchesEveryStudentItIsLinkedTo() {
        assertThat(touched(SmallFamilies.contacts(SCHOOL, c -> c.id().equals("c2")
                ? new Contact("c2", "Daniel", "Ash", c.emails(), c.telephones()) : c))).containsExactlyInAnyOrder("s1", "s2");
        assertThat(touched(SmallFamilies.contacts(SCHOOL, c -> c.id().equals("c3")
                ? new Contact("c3", "Pat", "Cole", List.of(), List.of()) : c))).containsExactly("s3");
    }

    @Test
    void aLinkTouchesBothFamiliesItJoins() {
        // s3 gains c1: s3 and, through c1, s1 and s2; c3 brings in nobody else
        List<ContactLink> links = new ArrayList<>(SCHOOL.links());
        links.add(new ContactLink("s3", "c1", 2, ParentalResponsibility.YES, "Aunt"));
        assertThat(touched(with(SCHOOL.students(), SCHOOL.staff(), links, SCHOOL.groups())))
                .containsExactlyInAnyOrder("s1", "s2", "s3");
    }

    @Test
    void aGroupTouchesTheMembersWhoJoinedOrLeftOrAllWhenItsActivityChanged() {
        assertThat(touched(SmallFamilies.groups(SCHOOL, g -> g.id().equals("g9b")
                ? new Group("g9b", "9B Drawing", g.kind(), true, g.memberIds()) : g))).as("a new name: planned whole").isEmpty();
        assertThat(touched(SmallFamilies.groups(SCHOOL, g -> g.id().equals("g7a")
                ? new Group("g7a", g.name(), g.kind(), true, Set.of("s1", "t1")) : g))).as("s3 left").containsExactly("s3");
        assertThat(touched(SmallFamilies.groups(SCHOOL, g -> g.id().equals("g7a")
                ? new Group("g7a", g.name(), g.kind(), false, g.memberIds()) : g)))
                .as("inactive: s1 and t1 and s3, and s1's sibling s2").containsExactlyInAnyOrder("s1", "s2", "s3", "t1");
        assertThat(touched(with(SCHOOL.students(), SCHOOL.staff(), SCHOOL.links(), List.of(SCHOOL.groups().get(1)))))
                .as("g7a gone").containsExactlyInAnyOrder("s1", "s2", "s3", "t1");
    }

    @Test
    void aStaffMemberOrAStudentGoneTouchesThatMember() {
        assertThat(touched(with(SCHOOL.students(), List.of(new Staff("t1", "Tom", "Teach", "tom@school.example", null, null)),
                SCHOOL.links(), SCHOOL.groups()))).containsExactly("t1");
        assertThat(touched(SmallFamilies.withoutStudent(SCHOOL, "s3"))).containsExactly("s3");
    }

    @Test
    void nothingChangedTouchesNobodyAndAPartialReadCannotBeCompared() {
        assertThat(touched(with(List.copyOf(SCHOOL.students()), SCHOOL.staff(), SCHOOL.links(), SCHOOL.groups()))).isEmpty();
        Snapshot partial = new Snapshot("small", "test", Coverage.PARTIAL, SCHOOL.readAt(), SCHOOL.students(), SCHOOL.staff(),
                SCHOOL.contacts(), SCHOOL.links(), SCHOOL.groups(), List.of());
        assertThat(touched(partial)).isNull();
    }

    private static Snapshot with(List<Student> students, List<Staff> staff, List<ContactLink> links, List<Group> groups) {
        return new Snapshot(SCHOOL.schoolId(), SCHOOL.source(), SCHOOL.coverage(), SCHOOL.readAt(), students, staff,
                SCHOOL.contacts(), links, groups, List.of());
    }
}
