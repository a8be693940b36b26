package org.misbridge.oneroster.provider.internal.delta;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.GroupMembership;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.RowChange;
import org.misbridge.api.directory.RowKind;
import org.misbridge.oneroster.provider.internal.mapping.RosterMapper;
import org.misbridge.oneroster.provider.internal.mapping.RosterView;
import org.misbridge.oneroster.provider.internal.mapping.Tombstones;

/**
 * What a delta of one school looks at, found from the log's entries since its time rather than from
 * the whole school: the served records those entries touch, and a tombstone for each touched record
 * that is no longer served (deleted, or no longer served for another reason: a contact's last link
 * gone, a group made inactive). Users, classes and enrolments are tracked; the school's other records
 * (org, school year, courses) are few and are filtered whole.
 */
public final class DeltaIndex {
    /** The base collections whose deletions are served. */
    public static final Set<String> TRACKED = Set.of("users", "classes", "enrollments");

    private final SchoolChanges changes;
    private final Tombstones tombstones;
    private final Map<String, Set<String>> served = new HashMap<>();
    private final Map<String, MemberKind> memberKinds = new HashMap<>();
    private final Map<String, List<String>> membersOfGroup = new HashMap<>();
    private final Map<String, List<String>> groupsOfMember = new HashMap<>();

    /** @param view the records served from {@code state} */
    public DeltaIndex(SchoolChanges changes, DirectoryState state, RosterView view, Tombstones tombstones) {
        this.changes = changes;
        this.tombstones = tombstones;
        for (String base : TRACKED) {
            Set<String> ids = new HashSet<>();
            view.collection(base).forEach(r -> ids.add((String) r.get("sourcedId")));
            served.put(base, ids);
        }
        for (Member member : state.members()) {
            memberKinds.put(member.id(), member.kind());
        }
        for (GroupMembership m : state.memberships()) {
            membersOfGroup.computeIfAbsent(m.groupId(), k -> new ArrayList<>()).add(m.memberId());
            groupsOfMember.computeIfAbsent(m.memberId(), k -> new ArrayList<>()).add(m.groupId());
        }
    }

    /**
     * The records of a tracked collection that a delta from {@code from} must consider: the ids of
     * served ones an entry since then touches (they carry a time at or after it, or are left out by the
     * filter), and tombstones of touched ones no longer served, each with the time of its last change.
     */
    public Delta since(String base, Instant from) {
        List<RowChange> entries = changes.since(from);
        return switch (base) {
            case "users" -> users(entries);
            case "classes" -> classes(entries);
            case "enrollments" -> enrollments(entries);
            default -> throw new IllegalArgumentException("deletions of " + base + " are not tracked");
        };
    }

    private Delta users(List<RowChange> entries) {
        Set<String> touched = new LinkedHashSet<>();
        for (RowChange e : entries) {
            switch (e.kind()) {
                case MEMBER, PERSON, DETAILS -> touched.add(e.id());
                case LINK -> {
                    touched.add(e.id());
                    touched.add(e.otherId());
                }
                default -> { }
            }
        }
        Delta delta = new Delta();
        for (String id : touched) {
            if (served.get("users").contains(id)) {
                delta.changed().add(id);
            } else if (changes.servableUser(id) && memberKind(id) != MemberKind.OTHER) {
                delta.gone().add(tombstones.user(id, changes.user(id), memberKind(id)));
            }
        }
        return delta;
    }

    private Delta classes(List<RowChange> entries) {
        Delta delta = new Delta();
        Set<String> touched = new LinkedHashSet<>();
        entries.stream().filter(e -> e.kind() == RowKind.GROUP).forEach(e -> touched.add(e.id()));
        for (String id : touched) {
            if (served.get("classes").contains(id)) {
                delta.changed().add(id);
            } else {
                delta.gone().add(tombstones.clazz(id, changes.group(id)));
            }
        }
        return delta;
    }

    private Delta enrollments(List<RowChange> entries) {
        Map<String, String[]> touched = new LinkedHashMap<>(); // sourcedId -> group, member
        for (RowChange e : entries) {
            switch (e.kind()) {
                case MEMBERSHIP -> touch(touched, e.id(), e.otherId());
                // a group made inactive, or active again, takes its enrolments with it
                case GROUP -> membersOfGroup.getOrDefault(e.id(), List.of()).forEach(m -> touch(touched, e.id(), m));
                case MEMBER -> groupsOfMember.getOrDefault(e.id(), List.of()).forEach(g -> touch(touched, g, e.id()));
                default -> { }
            }
        }
        Delta delta = new Delta();
        for (Map.Entry<String, String[]> entry : touched.entrySet()) {
            String group = entry.getValue()[0];
            String member = entry.getValue()[1];
            MemberKind kind = memberKind(member);
            if (served.get("enrollments").contains(entry.getKey())) {
                delta.changed().add(entry.getKey());
            } else if (kind != MemberKind.OTHER) {
                delta.gone().add(tombstones.enrollment(group, member, changes.membership(group, member), kind));
            }
        }
        return delta;
    }

    private static void touch(Map<String, String[]> touched, String group, String member) {
        touched.putIfAbsent(RosterMapper.enrollmentId(group, member), new String[] {group, member});
    }

    /** The member's kind now, or as the log last saw it (a member deleted since). */
    private @Nullable MemberKind memberKind(String id) {
        MemberKind now = memberKinds.get(id);
        return now != null ? now : changes.memberKind(id);
    }

    /**
     * @param changed the sourcedIds of served records to consider
     * @param gone    tombstones of records no longer served
     */
    public record Delta(List<String> changed, List<Map<String, Object>> gone) {
        Delta() {
            this(new ArrayList<>(), new ArrayList<>());
        }
    }
}
