package org.misbridge.sync.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.Changes;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Keyed;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.model.EnrolmentState;

/**
 * Refuses a change set that would remove (or turn into leavers) or rewrite too much of any kind of
 * record at once — an MIS that returns a near-empty roll after a server move, say (DOMAIN.md rule
 * 12). Evaluated per kind against the imported rows the school has now.
 *
 * @param removePercent refuse when more than this share of a kind would go
 * @param removeCount refuse when more than this many of a kind would go, whatever the share
 * @param updatePercent refuse when more than this share of a kind would be rewritten
 * @param minimumChanges shares are judged only above this many changes, so that one leaver in a
 *     tiny school is not a "mass" removal
 */
public record DeletionThreshold(int removePercent, int removeCount, int updatePercent, int minimumChanges) {

    /** Refuse above 10% or 500 removals, or above 75% updated, per kind (the domain page's defaults). */
    public static DeletionThreshold defaults() {
        return new DeletionThreshold(10, 500, 75, 5);
    }

    /** Why the change set is refused, one line per kind over a limit; empty when it may be applied. */
    List<String> violations(ChangeSet changes, DirectoryState current) {
        List<String> out = new ArrayList<>();
        Map<String, Member> before = new HashMap<>();
        current.members().forEach(m -> before.put(m.id(), m));
        for (MemberKind kind : List.of(MemberKind.STUDENT, MemberKind.STAFF)) { // the kinds import writes
            String name = kind == MemberKind.STUDENT ? "students" : "staff";
            long base = current.members().stream()
                    .filter(m -> m.kind() == kind && m.origin() == Origin.IMPORT && m.state() != EnrolmentState.LEAVER).count();
            List<Member> updated = changes.members().updated().stream().filter(m -> m.kind() == kind).toList();
            long leaving = updated.stream().filter(m -> m.state() == EnrolmentState.LEAVER && wasStaying(before.get(m.id()))).count();
            long removed = changes.members().removed().stream().filter(m -> m.kind() == kind).count() + leaving;
            judge(out, name, base, removed, updated.size() - leaving);
        }
        judgeKind(out, "contacts", current.people(), changes.people(), p -> p.origin() == Origin.IMPORT);
        judgeKind(out, "groups", current.groups(), changes.groups(), g -> g.origin() == Origin.IMPORT);
        return out;
    }

    private static boolean wasStaying(Member before) {
        return before != null && before.state() != EnrolmentState.LEAVER;
    }

    private <T extends Keyed> void judgeKind(List<String> out, String name, List<T> current, Changes<T> changes,
            Predicate<T> imported) {
        judge(out, name, current.stream().filter(imported).count(), changes.removed().size(), changes.updated().size());
    }

    private void judge(List<String> out, String name, long base, long removed, long updated) {
        if (removed > removeCount) {
            out.add(name + ": " + removed + " would be removed or marked as leavers, more than the limit of " + removeCount);
        } else if (removed > minimumChanges && removed * 100 > (long) removePercent * base) {
            out.add(name + ": " + removed + " of " + base + " (" + percent(removed, base)
                    + "%) would be removed or marked as leavers, more than " + removePercent + "%");
        }
        if (updated > minimumChanges && updated * 100 > (long) updatePercent * base) {
            out.add(name + ": " + updated + " of " + base + " (" + percent(updated, base) + "%) would be updated, more than "
                    + updatePercent + "%");
        }
    }

    private static long percent(long part, long whole) {
        return whole == 0 ? 100 : Math.round(part * 100.0 / whole);
    }
}
