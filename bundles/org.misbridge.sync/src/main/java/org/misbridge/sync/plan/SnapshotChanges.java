package org.misbridge.sync.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.model.Contact;
import org.misbridge.api.model.ContactLink;
import org.misbridge.api.model.Coverage;
import org.misbridge.api.model.Group;
import org.misbridge.api.model.Snapshot;

/**
 * Which members' families two snapshots of one school may plan differently: the members a delta
 * touched. Records are compared whole (they are value records), so any field that changed counts.
 * A member is touched when its own record, its contact links, one of its contacts, or its
 * membership of a group changed (or a group it is in changed whether it is active); then every
 * student linked, before or after, to a contact of a touched student is touched too, and so on until
 * nothing more comes in, so that what a plan says about a shared contact (the student its data issues
 * name) is planned with all of that contact's students. A group whose name or kind alone changed touches nobody: groups are planned
 * whole.
 */
public final class SnapshotChanges {

    private SnapshotChanges() {
    }

    /**
     * The ids of the students and staff whose families {@code after} may plan differently from
     * {@code before}; null when the two cannot be compared so (either is not the whole roll, or they
     * are of different schools or sources).
     */
    public static @Nullable Set<String> touched(Snapshot before, Snapshot after) {
        if (before.coverage() != Coverage.WHOLE_ROLL || after.coverage() != Coverage.WHOLE_ROLL
                || !before.schoolId().equals(after.schoolId()) || !before.source().equals(after.source())) {
            return null;
        }
        Set<String> touched = new HashSet<>();
        changedIds(before.students(), after.students(), s -> s.id(), touched);
        changedIds(before.staff(), after.staff(), s -> s.id(), touched);
        Set<String> contacts = new HashSet<>();
        changedIds(before.contacts(), after.contacts(), Contact::id, contacts);
        if (before.links() != after.links() && !before.links().equals(after.links())) {
            Set<String> pairs = new HashSet<>();
            changedIds(before.links(), after.links(), l -> l.studentId() + '\u0000' + l.contactId(), pairs);
            pairs.forEach(pair -> touched.add(pair.substring(0, pair.indexOf('\u0000'))));
        }
        if (before.groups() != after.groups() && !before.groups().equals(after.groups())) {
            groups(before.groups(), after.groups(), touched);
        }
        // over shared contacts until nothing more comes in: every contact of a touched student, and
        // every changed contact, brings in all the students it is linked to on either side (a family
        // of siblings and step-parents is planned together; families are small, so this ends soon)
        if (touched.isEmpty() && contacts.isEmpty()) {
            return touched;
        }
        // the same list on both sides (nothing linked differently) is scanned once
        List<List<ContactLink>> sides = before.links() == after.links() ? List.of(after.links())
                : List.of(before.links(), after.links());
        // both ways in one pass over the links: the sets only grow, so the pass that adds nothing ends
        // with the same closure as passes one way and then the other
        int size;
        int contactCount;
        do {
            size = touched.size();
            contactCount = contacts.size();
            for (List<ContactLink> links : sides) {
                for (ContactLink l : links) {
                    if (touched.contains(l.studentId())) {
                        contacts.add(l.contactId());
                    } else if (contacts.contains(l.contactId())) {
                        touched.add(l.studentId());
                    }
                }
            }
        } while (touched.size() != size || contacts.size() != contactCount);
        return touched;
    }

    /** {@code snapshot} with only the students and staff in {@code members}, their links and the contacts those name; every group. */
    public static Snapshot only(Snapshot snapshot, Set<String> members) {
        List<ContactLink> links = new ArrayList<>();
        Set<String> contactIds = new HashSet<>();
        for (ContactLink l : snapshot.links()) {
            if (members.contains(l.studentId())) {
                links.add(l);
                contactIds.add(l.contactId());
            }
        }
        return new Snapshot(snapshot.schoolId(), snapshot.source(), snapshot.coverage(), snapshot.readAt(),
                snapshot.students().stream().filter(s -> members.contains(s.id())).toList(),
                snapshot.staff().stream().filter(s -> members.contains(s.id())).toList(),
                snapshot.contacts().stream().filter(c -> contactIds.contains(c.id())).toList(),
                links, snapshot.groups(), snapshot.failures(), List.of());
    }

    /** Adds to {@code changed} the id of every record added, removed or different, a repeated id always. */
    private static <T> void changedIds(List<T> before, List<T> after, Function<T, String> id, Set<String> changed) {
        if (before == after) {
            return; // a reader that read nothing new gives the same list again
        }
        if (alignedChanges(before, after, id, changed)) {
            return;
        }
        Map<String, T> old = new HashMap<>((int) (before.size() / 0.75) + 1);
        for (T r : before) {
            String key = id.apply(r);
            if (old.put(key, r) != null) {
                changed.add(key);
            }
        }
        for (T r : after) {
            String key = id.apply(r);
            T was = old.remove(key); // a repeat in after finds nothing, so it counts as changed
            if (was == null || !was.equals(r)) {
                changed.add(key);
            }
        }
        changed.addAll(old.keySet()); // gone
    }

    /**
     * Compares record by record in place, as a reader that redid only the changed records in its last
     * snapshot keeps them: true, with the changed ids added, when every place holds the same id on both
     * sides; false, adding nothing, as soon as one does not.
     */
    private static <T> boolean alignedChanges(List<T> before, List<T> after, Function<T, String> id, Set<String> changed) {
        if (before.size() != after.size()) {
            return false;
        }
        List<String> found = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            T was = before.get(i);
            T now = after.get(i);
            if (was == now) {
                continue;
            }
            String key = id.apply(now);
            if (!key.equals(id.apply(was))) {
                return false;
            }
            if (!was.equals(now)) {
                found.add(key);
            }
        }
        changed.addAll(found);
        return true;
    }

    private static <T> Map<String, List<T>> index(List<T> records, Function<T, String> id) {
        Map<String, List<T>> byId = new HashMap<>(records.size() * 2);
        for (T r : records) {
            byId.computeIfAbsent(id.apply(r), k -> new ArrayList<>(1)).add(r);
        }
        return byId;
    }

    /**
     * A group added or removed touches its members; one whose members changed touches those who
     * joined or left; one whose activity changed touches all its members, before and after.
     */
    private static void groups(List<Group> before, List<Group> after, Set<String> touched) {
        Map<String, List<Group>> old = index(before, Group::id);
        Map<String, List<Group>> now = index(after, Group::id);
        now.forEach((id, groups) -> {
            List<Group> was = old.get(id);
            if (groups.equals(was)) {
                return;
            }
            if (was == null || was.size() != 1 || groups.size() != 1 || was.get(0).active() != groups.get(0).active()) {
                groups.forEach(g -> touched.addAll(g.memberIds()));
                if (was != null) {
                    was.forEach(g -> touched.addAll(g.memberIds()));
                }
                return;
            }
            Set<String> left = was.get(0).memberIds();
            Set<String> right = groups.get(0).memberIds();
            if (!Objects.equals(left, right)) {
                left.stream().filter(m -> !right.contains(m)).forEach(touched::add);
                right.stream().filter(m -> !left.contains(m)).forEach(touched::add);
            }
        });
        old.forEach((id, groups) -> {
            if (!now.containsKey(id)) {
                groups.forEach(g -> touched.addAll(g.memberIds()));
            }
        });
    }
}
