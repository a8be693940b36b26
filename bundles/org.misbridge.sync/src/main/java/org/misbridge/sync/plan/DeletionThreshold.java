package org.misbridge.sync.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.Changes;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Keyed;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.api.model.Snapshot;

/**
 * Refuses a change set that would remove (or turn into leavers) or rewrite too much of any kind of
 * record at once — an MIS that returns a near-empty roll after a server move, say (DOMAIN.md rule
 * 12). Evaluated per kind against the imported rows the school has now.
 *
 * <p>A kind may lose the larger of its share ({@code removePercent} of it, rounded down) and a
 * floor against one-pupil noise in tiny schools: {@code minimumChanges}, but never more than a
 * quarter of the kind (rounded down), so no floor can let half a roll go. Updates are judged the
 * same way with {@code updatePercent}. Separately, a whole-roll read that would leave a tenth of the
 * students or fewer is not a change to judge at all but a broken read ({@link #nearEmpty}).
 *
 * @param removePercent refuse when more than this share of a kind would go (and more than the floor)
 * @param removeCount refuse when more than this many of a kind would go, whatever the share
 * @param updatePercent refuse when more than this share of a kind would be rewritten (and more than the floor)
 * @param minimumChanges the floor: up to this many changes of a kind pass whatever the share, as long
 *     as they are a quarter of the kind or less
 */
public record DeletionThreshold(int removePercent, int removeCount, int updatePercent, int minimumChanges) {

    /** A read that leaves this share of the students (in percent) or less is near-empty. */
    static final int NEAR_EMPTY_PERCENT = 10;

    /** Refuse above 10% or 500 removals, or above 75% updated, per kind (the domain page's defaults). */
    public static DeletionThreshold defaults() {
        return new DeletionThreshold(10, 500, 75, 5);
    }

    /** The most changes of a kind of {@code base} rows that pass: its share, or the floor, whichever is larger. */
    long allowed(long base, int percent) {
        return Math.max(base * percent / 100, Math.min(minimumChanges, base / 4));
    }

    /**
     * Why a whole-roll read is near-empty: it lists a tenth or fewer of the students the school has
     * (on roll or pre-admitted), whatever the school's size. Such a read fails; --force cannot apply
     * it, as it is a broken read rather than a change to approve. Leavers the read itself reports (a
     * leaving date that has passed) are in the read and count as listed.
     */
    public static Optional<String> nearEmpty(Snapshot snapshot, DirectoryState current) {
        if (current.members().stream().noneMatch(m -> m.kind() == MemberKind.STUDENT)) {
            return Optional.empty(); // no students yet (a first sync): nothing to lose
        }
        Set<String> listed = new HashSet<>(MapSizes.forEntries(snapshot.students().size()));
        snapshot.students().forEach(s -> listed.add(s.id()));
        long base = 0;
        long present = 0;
        for (Member m : current.members()) {
            if (m.kind() == MemberKind.STUDENT && m.origin() == Origin.IMPORT && m.state() != EnrolmentState.LEAVER) {
                base++;
                if (listed.contains(m.id())) {
                    present++;
                }
            }
        }
        if (base == 0 || present * 100 > (long) NEAR_EMPTY_PERCENT * base) {
            return Optional.empty();
        }
        return Optional.of("a near-empty read: the MIS listed " + present + " of the " + base
                + " students the school has (" + NEAR_EMPTY_PERCENT + "% or fewer); a read that loses most of the roll is a"
                + " broken read, not everyone leaving, and --force does not apply it. Check the MIS and its export");
    }

    /** Why the change set is refused, one line per kind over a limit; empty when it may be applied. */
    public List<String> violations(ChangeSet changes, DirectoryState current) {
        return violations(changes, current, current.people().stream().filter(p -> p.origin() == Origin.IMPORT).count());
    }

    /**
     * As above, for a {@code current} that holds every member and group but only some of the linked
     * people: {@code importedPeople} is how many imported people the directory has.
     */
    public List<String> violations(ChangeSet changes, DirectoryState current, long importedPeople) {
        List<String> out = new ArrayList<>();
        // the state before of the members updated only: a delta's few, not a map of the whole roll
        Set<String> updatedIds = new HashSet<>();
        changes.members().updated().forEach(m -> updatedIds.add(m.id()));
        Map<String, Member> before = new HashMap<>(MapSizes.forEntries(updatedIds.size()));
        if (!updatedIds.isEmpty()) {
            current.members().stream().filter(m -> updatedIds.contains(m.id())).forEach(m -> before.put(m.id(), m));
        }
        for (MemberKind kind : List.of(MemberKind.STUDENT, MemberKind.STAFF)) { // the kinds import writes
            String name = kind == MemberKind.STUDENT ? "students" : "staff";
            long base = current.members().stream()
                    .filter(m -> m.kind() == kind && m.origin() == Origin.IMPORT && m.state() != EnrolmentState.LEAVER).count();
            List<Member> updated = changes.members().updated().stream().filter(m -> m.kind() == kind).toList();
            long leaving = updated.stream().filter(m -> m.state() == EnrolmentState.LEAVER && wasStaying(before.get(m.id()))).count();
            long removed = changes.members().removed().stream().filter(m -> m.kind() == kind).count() + leaving;
            judge(out, name, base, removed, updated.size() - leaving);
        }
        judge(out, "contacts", importedPeople, changes.people().removed().size(), changes.people().updated().size());
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
        long mayGo = allowed(base, removePercent);
        if (removed > removeCount) {
            out.add(name + ": " + removed + " would be removed or marked as leavers, more than the limit of " + removeCount);
        } else if (removed > mayGo) {
            out.add(name + ": " + removed + " of " + base + " (" + percent(removed, base)
                    + "%) would be removed or marked as leavers, more than " + removePercent + "% (at most " + mayGo
                    + " of " + base + ")");
        }
        long mayChange = allowed(base, updatePercent);
        if (updated > mayChange) {
            out.add(name + ": " + updated + " of " + base + " (" + percent(updated, base) + "%) would be updated, more than "
                    + updatePercent + "% (at most " + mayChange + " of " + base + ")");
        }
    }

    private static long percent(long part, long whole) {
        return whole == 0 ? 100 : Math.round(part * 100.0 / whole);
    }
}
