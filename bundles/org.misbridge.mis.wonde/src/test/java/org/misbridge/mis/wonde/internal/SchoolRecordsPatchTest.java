package org.misbridge.mis.wonde.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.misbridge.api.model.Contact;
import org.misbridge.api.model.ContactLink;
import org.misbridge.api.model.Email;
import org.misbridge.api.model.EmailLocation;
import org.misbridge.api.model.Enrolment;
import org.misbridge.api.model.Group;
import org.misbridge.api.model.GroupKind;
import org.misbridge.api.model.ParentalResponsibility;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Staff;
import org.misbridge.api.model.Student;

/**
 * A delta's snapshot, patched from the last one, is the snapshot the same records make whole; and
 * what no change reached is the last snapshot's own.
 */
class SchoolRecordsPatchTest {

    private static final Instant FIRST = Instant.parse("2026-12-01T08:00:00Z");
    private static final Instant NEXT = Instant.parse("2026-12-01T08:15:00Z");

    private static Student student(String id, String surname) {
        return new Student(id, null, "Pupil", surname, "7", null, Enrolment.onRoll(LocalDate.of(2025, 9, 1), null));
    }

    private static Contact contact(String id, String email) {
        return new Contact(id, "Carer", id, List.of(new Email(email, EmailLocation.HOME)), List.of());
    }

    private static StudentEntry entry(String id, String surname, Set<String> groupIds, Contact... contacts) {
        List<ContactLink> links = new ArrayList<>();
        for (int i = 0; i < contacts.length; i++) {
            links.add(new ContactLink(id, contacts[i].id(), i + 1, ParentalResponsibility.YES, "Parent"));
        }
        return new StudentEntry(student(id, surname), List.of(contacts), links, groupIds);
    }

    private static Staff staff(String id, String surname) {
        return new Staff(id, "Teacher", surname, id.toLowerCase() + "@school.example", null, null);
    }

    private static Map<String, Set<String>> members(Snapshot snapshot) {
        return snapshot.groups().stream().collect(Collectors.toMap(Group::id, Group::memberIds, (a, b) -> a, TreeMap::new));
    }

    /**
     * Worked out by hand from the rule (configuration.md, Wonde groups: the members a group lists
     * plus the students pointing at it, of those held): P2 moves from 7A to 7B by their own record,
     * teacher E1 leaves, 7B's record lists E2 now, and the Art class comes in, pointed at by P1.
     */
    @Test
    void aDeltaGivesTheMembersTheRuleGivesAndKeepsWhatItDidNotReach() {
        SchoolRecords records = new SchoolRecords();
        Contact mum = contact("C1", "mum@example.org");
        records.putStudent(entry("P1", "Ash", Set.of("7A", "ART"), mum));
        records.putStudent(entry("P2", "Birch", Set.of("7A"), contact("C2", "dad@example.org")));
        records.putStudent(entry("P3", "Cedar", Set.of("7B"), mum));
        records.putStaff(staff("E1", "Elm"));
        records.putStaff(staff("E2", "Fir"));
        records.putGroup(new GroupEntry("7A", "7A", GroupKind.REGISTRATION, Set.of("E1")));
        records.putGroup(new GroupEntry("7B", "7B", GroupKind.REGISTRATION, Set.of("E1")));
        records.putGroup(new GroupEntry("Y7", "Year 7", GroupKind.YEAR, Set.of("P1", "P2", "P3", "E2")));
        Snapshot first = records.snapshot("school", "wonde", FIRST, List.of());
        assertThat(members(first)).isEqualTo(Map.of("7A", Set.of("P1", "P2", "E1"), "7B", Set.of("P3", "E1"),
                "Y7", Set.of("P1", "P2", "P3", "E2")));

        SchoolRecords delta = records.copy();
        delta.remove(SchoolRecords.Kind.EMPLOYEE, "E1");
        delta.putStudent(entry("P2", "Birch", Set.of("7B"), contact("C2", "dad@example.org")));
        delta.putStudent(entry("P3", "Cedar", Set.of("7B"), mum)); // as it was: Wonde stamped it, nothing changed
        delta.putGroup(new GroupEntry("7B", "7B", GroupKind.REGISTRATION, Set.of("E1", "E2")));
        delta.putGroup(new GroupEntry("ART", "Art", GroupKind.CLASS, Set.of()));
        delta.pruneContacts();
        Snapshot next = delta.snapshot("school", "wonde", NEXT, List.of());

        assertThat(members(next)).isEqualTo(Map.of("7A", Set.of("P1"), "7B", Set.of("P2", "P3", "E2"),
                "Y7", Set.of("P1", "P2", "P3", "E2"), "ART", Set.of("P1")));
        assertThat(next.staff()).extracting(Staff::id).containsExactly("E2");
        assertThat(next.readAt()).isEqualTo(NEXT);
        // no contact changed: the last list itself; Year 7 lists no one who came or went: its last record
        assertThat(next.contacts()).isSameAs(first.contacts());
        assertThat(next.groups().stream().filter(g -> g.id().equals("Y7")).findFirst().orElseThrow())
                .isSameAs(first.groups().get(2));
        assertThat(next).isEqualTo(delta.assembled("school", "wonde", NEXT, List.of()));
    }

    @Test
    void aDeltaThatChangedNothingIsTheLastSnapshotReadAgain() {
        SchoolRecords records = new SchoolRecords();
        records.putStudent(entry("P1", "Ash", Set.of("7A"), contact("C1", "mum@example.org")));
        records.putGroup(new GroupEntry("7A", "7A", GroupKind.REGISTRATION, Set.of()));
        Snapshot first = records.snapshot("school", "wonde", FIRST, List.of());
        SchoolRecords delta = records.copy();
        delta.putStudent(entry("P1", "Ash", Set.of("7A"), contact("C1", "mum@example.org")));
        delta.pruneContacts();
        Snapshot next = delta.snapshot("school", "wonde", NEXT, List.of());
        assertThat(next.students()).isSameAs(first.students());
        assertThat(next.links()).isSameAs(first.links());
        assertThat(next.groups()).isSameAs(first.groups());
        assertThat(next.readAt()).isEqualTo(NEXT);
    }

    /**
     * Random schools and random deltas of every kind of change Wonde sends (records added, changed,
     * sent again unchanged, deleted; contacts moved between pupils, a group's list or a pupil's
     * groups changed, people listed who are not held): the patched snapshot equals, list by list and
     * in order, the one the same records make whole, over several deltas in a row.
     */
    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L})
    void aPatchedSnapshotIsTheOneTheRecordsMakeWhole(long seed) {
        Random random = new Random(seed);
        RandomSchool school = new RandomSchool(random);
        SchoolRecords records = new SchoolRecords();
        for (int i = 0; i < 40; i++) {
            school.putStudent(records, "P" + i);
        }
        for (int i = 0; i < 8; i++) {
            records.putStaff(staff("E" + i, "S" + random.nextInt(3)));
        }
        for (int i = 0; i < 10; i++) {
            records.putGroup(school.group("G" + i));
        }
        Snapshot last = records.snapshot("school", "wonde", FIRST, List.of());
        assertThat(last).isEqualTo(records.assembled("school", "wonde", FIRST, List.of()));
        for (int round = 0; round < 12; round++) {
            SchoolRecords delta = records.copy();
            int operations = 1 + random.nextInt(random.nextBoolean() ? 3 : 15);
            for (int i = 0; i < operations; i++) {
                school.change(delta);
            }
            delta.pruneContacts();
            Instant at = FIRST.plusSeconds(60L * (round + 1));
            Snapshot patched = delta.snapshot("school", "wonde", at, List.of());
            assertThat(patched).as("seed %d, round %d", seed, round).isEqualTo(delta.assembled("school", "wonde", at, List.of()));
            records = delta;
        }
    }

    /** Records drawn from small pools of ids, so that deltas hit held records, shared carers and groups. */
    private static final class RandomSchool {
        private final Random random;

        RandomSchool(Random random) {
            this.random = random;
        }

        private String pick(String prefix, int pool) {
            return prefix + random.nextInt(pool);
        }

        void putStudent(SchoolRecords records, String id) {
            Set<String> groups = new LinkedHashSet<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                groups.add(pick("G", 12)); // G10 and G11 are groups no record of which is held, yet
            }
            Set<String> carers = new LinkedHashSet<>();
            for (int i = random.nextInt(3); i > 0; i--) {
                carers.add(pick("C", 30));
            }
            Contact[] contacts = carers.stream().map(c -> contact(c, c.toLowerCase() + random.nextInt(2) + "@example.org"))
                    .toArray(Contact[]::new);
            records.putStudent(entry(id, "N" + random.nextInt(2), groups, contacts));
        }

        GroupEntry group(String id) {
            Set<String> listed = new LinkedHashSet<>();
            for (int i = random.nextInt(6); i > 0; i--) {
                listed.add(random.nextInt(3) == 0 ? pick("E", 10) : pick("P", 50)); // some listed are not held
            }
            return new GroupEntry(id, id + (random.nextInt(4) == 0 ? " renamed" : ""), GroupKind.CLASS, listed);
        }

        void change(SchoolRecords delta) {
            switch (random.nextInt(9)) {
                case 0, 1 -> putStudent(delta, pick("P", 50));
                case 2 -> delta.updateContact(contact(pick("C", 32), "changed" + random.nextInt(2) + "@example.org"));
                case 3 -> delta.putStaff(staff(pick("E", 10), "S" + random.nextInt(3)));
                case 4 -> delta.putGroup(group(pick("G", 12)));
                case 5 -> delta.remove(SchoolRecords.Kind.STUDENT, pick("P", 50));
                case 6 -> delta.remove(SchoolRecords.Kind.CONTACT, pick("C", 30));
                case 7 -> delta.remove(SchoolRecords.Kind.EMPLOYEE, pick("E", 10));
                default -> delta.remove(SchoolRecords.Kind.GROUP, pick("G", 12));
            }
        }
    }
}
