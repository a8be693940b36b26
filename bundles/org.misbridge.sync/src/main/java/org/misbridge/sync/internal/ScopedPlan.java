package org.misbridge.sync.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Directory;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DataIssue;
import org.misbridge.api.directory.DigestUpdate;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.directory.SyncBase;
import org.misbridge.api.model.Snapshot;
import org.misbridge.sync.plan.FamilyDigests;
import org.misbridge.sync.plan.PlanScope;
import org.misbridge.sync.plan.ReaderIssues;
import org.misbridge.sync.plan.SnapshotChanges;
import org.misbridge.sync.plan.SyncPlanner;
import org.misbridge.sync.plan.Wanted;

/**
 * Plans a sync from a delta reader by re-planning only the families the delta touched. The host
 * keeps the last snapshot it applied ({@link Prior}); while the store says the school's rows still
 * follow that snapshot (its sync token) and the planner's other inputs are the same, the rows of
 * every family the two snapshots do not tell apart ({@link SnapshotChanges#touched}) are already
 * what a plan would make. So only the touched families are wanted, loaded, diffed and digested,
 * and every group (groups are planned whole). The change set is the one the whole directory's plan
 * makes.
 *
 * <p>The data issues are the stored ones with those of the touched families, of the groups and of
 * the last read replaced. When a stored issue belongs to no family and is not about a group (a
 * student whose id cannot be stored, say), nothing here can say whether it still holds, and the
 * sync plans by digests instead; so it does when more than a quarter of the members were touched.
 */
final class ScopedPlan {

    /**
     * The snapshot the school's rows were last synced from on this host, the token the store kept
     * with them, the planner's inputs then ({@link SyncPlanner#inputs}), and what the store held once
     * that sync was applied of what every plan reads whole: the members, the links people made, the
     * blocked details and how many imported people there were. While the token holds, these are what
     * the store holds, so the sync need not load them.
     */
    record Prior(String token, String inputs, Snapshot snapshot, List<Member> members, List<Link> handMadeLinks,
            List<ContactDetail> blockedDetails, long importedPeople) {
        Prior {
            members = List.copyOf(members);
            handMadeLinks = List.copyOf(handMadeLinks);
            blockedDetails = List.copyOf(blockedDetails);
        }

        /** What the store holds after a sync that started from {@code base} (null: the whole directory) made {@code changes}. */
        static Prior after(String token, String inputs, Snapshot snapshot, @Nullable SyncBase base,
                IncrementalPlan.Planned plan, ChangeSet changes) {
            DirectoryState before = plan.current();
            boolean whole = !plan.incremental() || base == null;
            // import never writes a row people made (Differ), so their links are as they were
            List<Link> handMade = whole ? before.links().stream().filter(l -> l.origin() != Origin.IMPORT).toList()
                    : base.handMadeLinks();
            List<ContactDetail> blocked = IncrementalPlan.after(whole
                    ? before.details().stream().filter(ContactDetail::blocked).toList() : base.blockedDetails(), changes.details())
                    .stream().filter(ContactDetail::blocked).toList();
            long people = plan.importedPeople() >= 0 ? plan.importedPeople()
                    : before.people().stream().filter(p -> p.origin() == Origin.IMPORT).count();
            people += changes.people().created().stream().filter(p -> p.origin() == Origin.IMPORT).count()
                    - changes.people().removed().stream().filter(p -> p.origin() == Origin.IMPORT).count();
            return new Prior(token, inputs, snapshot, IncrementalPlan.after(before.members(), changes.members()), handMade,
                    blocked, people);
        }
    }

    private ScopedPlan() {
    }

    /** The plan, or null when this sync cannot be planned so and must be planned another way. */
    static IncrementalPlan.@Nullable Planned plan(Directory directory, String school, SyncPlanner planner, Snapshot snapshot,
            SyncBase base, Prior prior) {
        if (!prior.token().equals(base.syncToken()) || !prior.inputs().equals(planner.inputs())) {
            return null;
        }
        Set<String> touched = SnapshotChanges.touched(prior.snapshot(), snapshot);
        if (touched == null || !IncrementalPlan.fewEnough(touched.size(), base.members().size())) {
            return null;
        }
        List<DataIssue> kept = keptIssues(base.dataIssues(), prior.snapshot(), touched);
        if (kept == null) {
            return null;
        }
        DirectoryState light = new DirectoryState(school, base.members(), List.of(), List.of(), List.of(), base.groups(),
                List.of(), base.dataIssues());
        Wanted wanted = planner.want(SnapshotChanges.only(snapshot, touched), light);
        Set<String> wantedPeople = new HashSet<>();
        for (Link l : wanted.links()) {
            wantedPeople.add(l.personId());
        }
        DirectoryState loaded = directory.loadScope(school, base, touched, wantedPeople);
        Set<String> scopePeople = new HashSet<>(wantedPeople);
        loaded.people().forEach(p -> scopePeople.add(p.id()));
        // the diff sees the touched members only: any other member it saw would look gone from the roll
        List<Member> members = loaded.members().stream().filter(m -> touched.contains(m.id())).toList();
        List<ContactDetail> details = loaded.details().stream()
                .filter(d -> !d.blocked() || touched.contains(d.ownerId()) || scopePeople.contains(d.ownerId())).toList();
        DirectoryState scoped = new DirectoryState(school, members, loaded.people(), loaded.links(), details,
                loaded.groups(), loaded.memberships(), loaded.dataIssues());
        ChangeSet planned = planner.diff(wanted, scoped, new PlanScope(touched, scopePeople));
        List<DataIssue> issues = new ArrayList<>(kept);
        issues.addAll(planned.dataIssues());
        ChangeSet changes = new ChangeSet(planned.members(), planned.people(), planned.links(), planned.details(),
                planned.groups(), planned.memberships(), issues);

        DirectoryState after = IncrementalPlan.after(scoped, changes);
        Set<String> stay = new HashSet<>();
        after.members().forEach(m -> stay.add(m.id()));
        Set<String> digested = new HashSet<>(touched);
        digested.retainAll(stay);
        Set<String> dropped = new HashSet<>(touched);
        dropped.removeAll(stay); // a member without a stored digest has none to drop: the delete finds nothing
        Map<String, String> written = new FamilyDigests(after.links(), after.people(), after.details(), after.memberships())
                .of(digested);
        long loadedRows = base.rowsLoaded() + loaded.people().size() + loaded.links().size() + loaded.details().size()
                + loaded.memberships().size();
        long compared = (long) touched.size() + members.size() + loaded.people().size() + loaded.links().size()
                + details.size() + loaded.memberships().size() + loaded.groups().size();
        return new IncrementalPlan.Planned(changes, loaded, DigestUpdate.change(written, dropped), base.importedPeople(), true,
                compared, loadedRows);
    }

    /**
     * The stored issues a plan of the touched families leaves as they are: those of the other
     * families. The groups' issues, the last read's and the deletion threshold's are raised afresh
     * (a whole plan drops a refusal's issues too). Null when some stored issue belongs to none of these.
     */
    private static @Nullable List<DataIssue> keptIssues(List<DataIssue> stored, Snapshot prior, Set<String> touched) {
        Map<DataIssue, Integer> fromRead = new HashMap<>(); // each issue the last read raised, as often as raised
        ReaderIssues.of(prior).forEach(i -> fromRead.merge(i, 1, Integer::sum));
        List<DataIssue> kept = new ArrayList<>();
        for (DataIssue i : stored) {
            Integer raised = fromRead.remove(i);
            if (raised != null) {
                if (raised > 1) {
                    fromRead.put(i, raised - 1);
                }
                continue;
            }
            if (SyncPlanner.aboutGroups(i) || i.kind().equals(UnappliedRuns.THRESHOLD_ISSUE)) {
                continue;
            }
            if (i.memberId() == null) {
                return null;
            }
            if (!touched.contains(i.memberId())) {
                kept.add(i);
            }
        }
        return fromRead.isEmpty() ? kept : null; // the stored issues are not those the last read raised
    }
}
