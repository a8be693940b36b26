package org.misbridge.sync.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.misbridge.api.model.Contact;
import org.misbridge.api.model.ContactLink;
import org.misbridge.api.model.Group;
import org.misbridge.api.model.ParentalResponsibility;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Staff;
import org.misbridge.api.model.Student;

/** Random changes to a school between two reads, for the tests that plan a change two ways and compare. */
final class RandomDeltas {

    private RandomDeltas() {
    }

    /**
     * About 2% of students renamed or gone and some gone ones back, contacts renamed, links moved or
     * added, group lists changed, a group deactivated or dropped, a staff member renamed.
     */
    static Snapshot change(Snapshot s, Random r, Map<String, Student> gone) {
        List<Student> students = new ArrayList<>();
        for (Student st : s.students()) {
            int roll = r.nextInt(100);
            if (roll == 0) {
                gone.put(st.id(), st);
                continue;
            }
            students.add(roll == 1 ? new Student(st.id(), st.upn(), st.givenName() + "x", st.familyName(), st.yearGroup(),
                    st.registrationGroup(), st.enrolment()) : st);
        }
        if (!gone.isEmpty() && r.nextBoolean()) { // back on the roll
            String back = gone.keySet().stream().sorted().findFirst().orElseThrow();
            students.add(gone.remove(back));
        }
        List<Contact> contacts = s.contacts().stream().map(c -> r.nextInt(60) == 0
                ? new Contact(c.id(), c.givenName(), c.familyName() + "y", r.nextBoolean() ? List.of() : c.emails(),
                        c.telephones()) : c).toList();
        List<ContactLink> links = new ArrayList<>();
        for (ContactLink l : s.links()) {
            int roll = r.nextInt(80);
            if (roll == 0) {
                continue; // unlinked in the MIS
            }
            links.add(roll == 1 ? new ContactLink(l.studentId(), l.contactId(), Math.min(3, l.priority() + 1),
                    l.parentalResponsibility(), "Guardian") : l);
        }
        Contact shared = s.contacts().get(r.nextInt(s.contacts().size()));
        links.add(new ContactLink(students.get(r.nextInt(students.size())).id(), shared.id(), 1, ParentalResponsibility.YES, null));
        List<Group> groups = new ArrayList<>();
        for (Group g : s.groups()) {
            int roll = r.nextInt(120);
            if (roll == 0) {
                continue; // the class is gone
            }
            Set<String> ids = new HashSet<>(g.memberIds());
            if (roll < 12) {
                ids.add(students.get(r.nextInt(students.size())).id());
            }
            groups.add(new Group(g.id(), g.name(), g.kind(), roll == 12 ? !g.active() : g.active(), ids));
        }
        List<Staff> staff = s.staff().stream().map(st -> r.nextInt(20) == 0
                ? new Staff(st.id(), st.givenName() + "z", st.familyName(), st.email(), st.mobile(), st.leavingDate()) : st).toList();
        return new Snapshot(s.schoolId(), s.source(), s.coverage(), s.readAt(), students, staff, contacts,
                dedupe(links), groups, s.failures(), s.issues());
    }

    private static List<ContactLink> dedupe(List<ContactLink> links) {
        Set<String> seen = new HashSet<>();
        return links.stream().filter(l -> seen.add(l.studentId() + "\u0000" + l.contactId())).toList();
    }

}
