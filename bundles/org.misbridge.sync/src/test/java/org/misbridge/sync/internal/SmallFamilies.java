package org.misbridge.sync.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.misbridge.api.model.Contact;
import org.misbridge.api.model.ContactLink;
import org.misbridge.api.model.Coverage;
import org.misbridge.api.model.Email;
import org.misbridge.api.model.EmailLocation;
import org.misbridge.api.model.Enrolment;
import org.misbridge.api.model.Group;
import org.misbridge.api.model.GroupKind;
import org.misbridge.api.model.ParentalResponsibility;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Staff;
import org.misbridge.api.model.Student;
import org.misbridge.api.model.Telephone;
import org.misbridge.api.model.TelephoneType;
import org.misbridge.sync.plan.ImportSettings;

/**
 * A small whole-roll school written by hand for the incremental-sync tests: two siblings sharing two
 * parents, a third student with one carer, a teacher with an email and a mobile, and two classes.
 */
final class SmallFamilies {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 2);
    static final ImportSettings SETTINGS = new ImportSettings(false, false, Set.of(1), 3, false, true, true, true);

    private SmallFamilies() {
    }

    static Snapshot school() {
        LocalDate september = LocalDate.of(2025, 9, 1);
        List<Student> students = List.of(
                new Student("s1", null, "Ann", "Ash", "7", "7A", Enrolment.onRoll(september, null)),
                new Student("s2", null, "Ben", "Ash", "9", "9B", Enrolment.onRoll(september, null)),
                new Student("s3", null, "Cat", "Cole", "7", "7A", Enrolment.onRoll(september, null)));
        List<Contact> contacts = List.of(
                new Contact("c1", "Meg", "Ash", List.of(new Email("meg@example.org", EmailLocation.HOME)),
                        List.of(new Telephone("07700 900001", TelephoneType.MOBILE))),
                new Contact("c2", "Dan", "Ash", List.of(new Email("dan@example.org", EmailLocation.WORK)), List.of()),
                new Contact("c3", "Pat", "Cole", List.of(), List.of(new Telephone("07700 900003", TelephoneType.MOBILE))));
        List<ContactLink> links = List.of(
                new ContactLink("s1", "c1", 1, ParentalResponsibility.YES, "Mother"),
                new ContactLink("s1", "c2", 2, ParentalResponsibility.YES, "Father"),
                new ContactLink("s2", "c1", 1, ParentalResponsibility.YES, "Mother"),
                new ContactLink("s2", "c2", 2, ParentalResponsibility.YES, "Father"),
                new ContactLink("s3", "c3", 1, ParentalResponsibility.UNKNOWN, "Carer"));
        List<Staff> staff = List.of(new Staff("t1", "Tom", "Teach", "tom@school.example", "07700 900010", null));
        List<Group> groups = List.of(
                new Group("g7a", "7A Maths", GroupKind.CLASS, true, Set.of("s1", "s3", "t1")),
                new Group("g9b", "9B Art", GroupKind.CLASS, true, Set.of("s2")));
        return new Snapshot("small", "test", Coverage.WHOLE_ROLL, Instant.parse("2026-11-02T07:00:00Z"), students, staff,
                contacts, links, groups, List.of());
    }

    static Snapshot students(Snapshot s, UnaryOperator<Student> change) {
        return new Snapshot(s.schoolId(), s.source(), s.coverage(), s.readAt(), s.students().stream().map(change).toList(),
                s.staff(), s.contacts(), s.links(), s.groups(), s.failures());
    }

    static Snapshot staff(Snapshot s, UnaryOperator<Staff> change) {
        return new Snapshot(s.schoolId(), s.source(), s.coverage(), s.readAt(), s.students(),
                s.staff().stream().map(change).toList(), s.contacts(), s.links(), s.groups(), s.failures());
    }

    static Snapshot contacts(Snapshot s, UnaryOperator<Contact> change) {
        return new Snapshot(s.schoolId(), s.source(), s.coverage(), s.readAt(), s.students(), s.staff(),
                s.contacts().stream().map(change).toList(), s.links(), s.groups(), s.failures());
    }

    static Snapshot links(Snapshot s, UnaryOperator<ContactLink> change) {
        return new Snapshot(s.schoolId(), s.source(), s.coverage(), s.readAt(), s.students(), s.staff(), s.contacts(),
                s.links().stream().map(change).toList(), s.groups(), s.failures());
    }

    static Snapshot groups(Snapshot s, UnaryOperator<Group> change) {
        return new Snapshot(s.schoolId(), s.source(), s.coverage(), s.readAt(), s.students(), s.staff(), s.contacts(),
                s.links(), s.groups().stream().map(change).toList(), s.failures());
    }

    static Snapshot withoutStudent(Snapshot s, String id) {
        List<Student> students = new ArrayList<>(s.students());
        students.removeIf(st -> st.id().equals(id));
        return new Snapshot(s.schoolId(), s.source(), s.coverage(), s.readAt(), students, s.staff(), s.contacts(),
                s.links(), s.groups(), s.failures());
    }
}
