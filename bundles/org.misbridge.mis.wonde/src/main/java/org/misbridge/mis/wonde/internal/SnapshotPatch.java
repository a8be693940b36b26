package org.misbridge.mis.wonde.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.model.ContactLink;
import org.misbridge.api.model.Group;
import org.misbridge.api.model.ReadFailure;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Student;

/**
 * A delta's snapshot made from the last one: what no change reached is taken over as it was (the
 * same lists, the same group records), so that a delta of ten pupils costs about ten pupils here
 * and in the sync's comparison, which passes over what is identical. Each list is the one
 * {@link SchoolRecords#assembled} would give for the same records (SchoolRecordsPatchTest).
 */
final class SnapshotPatch {

    private SnapshotPatch() {
    }

    static Snapshot patched(Snapshot last, SchoolRecords records, RecordChanges changes, Instant readAt,
            List<ReadFailure> failures) {
        if (changes.none()) {
            return new Snapshot(last.schoolId(), last.source(), last.coverage(), readAt, last.students(), last.staff(),
                    last.contacts(), last.links(), last.groups(), failures);
        }
        boolean studentsChanged = !changes.students.isEmpty();
        List<Student> students = last.students();
        if (studentsChanged) {
            students = new ArrayList<>(records.students.size());
            for (StudentEntry entry : records.students.values()) {
                students.add(entry.student());
            }
        }
        List<ContactLink> links = last.links();
        if (studentsChanged || comeOrGone(changes.contacts, records.contacts)) {
            links = new ArrayList<>(last.links().size());
            for (StudentEntry entry : records.students.values()) {
                for (ContactLink link : entry.links()) {
                    if (records.contacts.containsKey(link.contactId())) {
                        links.add(link);
                    }
                }
            }
        }
        return new Snapshot(last.schoolId(), last.source(), last.coverage(), readAt, students,
                changes.staff.isEmpty() ? last.staff() : List.copyOf(records.staff.values()),
                changes.contacts.isEmpty() ? last.contacts() : List.copyOf(records.contacts.values()),
                links, groups(last.groups(), records, changes), failures);
    }

    /**
     * The groups: a group is made again when its own record changed, when a student held before and
     * after points at it on one side only, when a student who came or went points at it, or when it
     * lists someone who came or went; the others are the last ones (a renamed pupil's year group,
     * thousands strong, stays as it was).
     */
    private static List<Group> groups(List<Group> last, SchoolRecords records, RecordChanges changes) {
        Set<String> affected = new HashSet<>(changes.groups.keySet());
        changes.students.forEach((id, before) -> {
            StudentEntry now = records.students.get(id);
            if (before == null || now == null) {
                affected.addAll(before == null ? Set.of() : before.groupIds());
                affected.addAll(now == null ? Set.of() : now.groupIds());
            } else if (!before.groupIds().equals(now.groupIds())) {
                before.groupIds().stream().filter(g -> !now.groupIds().contains(g)).forEach(affected::add);
                now.groupIds().stream().filter(g -> !before.groupIds().contains(g)).forEach(affected::add);
            }
        });
        Set<String> cameOrWent = new HashSet<>();
        cameOrWent.addAll(comersAndGoers(changes.students, records.students));
        cameOrWent.addAll(comersAndGoers(changes.staff, records.staff));
        if (!cameOrWent.isEmpty()) {
            for (GroupEntry group : records.groups.values()) {
                if (!affected.contains(group.id()) && group.memberIds().stream().anyMatch(cameOrWent::contains)) {
                    affected.add(group.id());
                }
            }
        }
        if (affected.isEmpty()) {
            return last;
        }
        Map<String, Group> lastById = new HashMap<>();
        last.forEach(g -> lastById.put(g.id(), g));
        Map<String, Set<String>> pointing = pointing(affected, lastById, records, changes);
        List<Group> groups = new ArrayList<>(records.groups.size());
        for (GroupEntry entry : records.groups.values()) {
            Group kept = lastById.get(entry.id());
            groups.add(affected.contains(entry.id()) || kept == null
                    ? records.group(entry, pointing.getOrDefault(entry.id(), Set.of())) : kept);
        }
        return groups;
    }

    /**
     * The students held who point at each affected group. Those who pointed at it last time are
     * among its last members (pointing students are always kept); of them, the unchanged still do.
     * The changed students are looked at again, and for a group the last snapshot did not hold
     * every student is.
     */
    private static Map<String, Set<String>> pointing(Set<String> affected, Map<String, Group> lastById,
            SchoolRecords records, RecordChanges changes) {
        Map<String, Set<String>> pointing = new HashMap<>();
        Set<String> unknown = new HashSet<>();
        for (String groupId : affected) {
            Group last = lastById.get(groupId);
            if (last == null) {
                unknown.add(groupId);
                continue;
            }
            Set<String> ids = new HashSet<>();
            for (String member : last.memberIds()) {
                StudentEntry entry = changes.students.containsKey(member) ? null : records.students.get(member);
                if (entry != null && entry.groupIds().contains(groupId)) {
                    ids.add(member);
                }
            }
            pointing.put(groupId, ids);
        }
        for (String id : changes.students.keySet()) {
            StudentEntry now = records.students.get(id);
            if (now != null) {
                for (String groupId : now.groupIds()) {
                    if (affected.contains(groupId)) {
                        pointing.computeIfAbsent(groupId, k -> new HashSet<>()).add(id);
                    }
                }
            }
        }
        if (!unknown.isEmpty()) {
            for (StudentEntry entry : records.students.values()) {
                for (String groupId : entry.groupIds()) {
                    if (unknown.contains(groupId)) {
                        pointing.computeIfAbsent(groupId, k -> new HashSet<>()).add(entry.id());
                    }
                }
            }
        }
        return pointing;
    }

    /** The ids among {@code changes} held now and not before, or before and not now. */
    private static Set<String> comersAndGoers(Map<String, ?> changes, Map<String, ?> held) {
        Set<String> ids = new HashSet<>();
        changes.forEach((id, before) -> {
            if ((before == null) == held.containsKey(id)) {
                ids.add(id);
            }
        });
        return ids;
    }

    private static boolean comeOrGone(Map<String, ?> changes, Map<String, ?> held) {
        return !comersAndGoers(changes, held).isEmpty();
    }
}
