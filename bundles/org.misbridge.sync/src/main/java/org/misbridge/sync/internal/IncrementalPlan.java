package org.misbridge.sync.internal;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Directory;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.Changes;
import org.misbridge.api.directory.DigestUpdate;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Keyed;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.directory.SyncBase;
import org.misbridge.api.model.Coverage;
import org.misbridge.api.model.Snapshot;
import org.misbridge.sync.plan.FamilyDigests;
import org.misbridge.sync.plan.PlanScope;
import org.misbridge.sync.plan.SyncPlanner;
import org.misbridge.sync.plan.Wanted;

/**
 * Plans a sync loading only what changed. A re-sync loads every member and group, the rows people
 * made and the stored family digests ({@link SyncBase}); builds the rows the snapshot wants; digests
 * each wanted member's family ({@link FamilyDigests}); and loads and diffs only the members whose
 * digest differs, the members the snapshot no longer lists (leavers keep their families), and the
 * linked people and details those members' links name. The change set is the one the whole
 * directory's plan makes: a family whose digest is unchanged has nothing to change.
 *
 * <p>With a delta reader's snapshot kept from the last sync, only the families it touched are
 * planned ({@link ScopedPlan}), where that plan can be made.
 *
 * <p>The whole directory is loaded and diffed instead (and the digests written afresh, or dropped)
 * when the store has no digests in step with the rows, when contacts or groups are paused, when the
 * snapshot is not the whole roll, when the school has links, members or groups people made, or when
 * more than a quarter of the members changed, and always when the JVM's system property
 * {@code misbridge.sync.incremental} is {@code false}.
 */
final class IncrementalPlan {

    /** Beyond this share of changed members, one full load is cheaper than loading them one by one. */
    private static final int MOST_CHANGED_PERCENT = 25;
    /** So many changed members are always loaded one by one, whatever the school's size. */
    private static final int FEW = 200;
    /** A JVM system property: {@code false} plans every sync against the whole directory (and keeps no digests). */
    static final String SWITCH = "misbridge.sync.incremental";

    /**
     * The change set, the directory it was planned against, the digests to store, and the counts: the
     * digests and stored rows compared, and the rows loaded.
     */
    record Planned(ChangeSet changes, DirectoryState current, Background<DigestUpdate> later, long importedPeople,
            boolean incremental, long compared, long loaded) {

        Planned(ChangeSet changes, DirectoryState current, DigestUpdate digests, long importedPeople, boolean incremental,
                long compared, long loaded) {
            this(changes, current, Background.of(digests), importedPeople, incremental, compared, loaded);
        }

        /** The digest update to store with the change set (worked out now, if it was not yet). */
        DigestUpdate digests() {
            return later.get();
        }
    }

    /** What the sync loaded while the MIS was read: the base (digests in step) or the whole directory. */
    record Loaded(@Nullable SyncBase base, @Nullable DirectoryState full) {
        List<Member> members() {
            return base != null ? base.members() : Objects.requireNonNull(full).members();
        }
    }

    private IncrementalPlan() {
    }

    /** Whether so many changed members of so many are loaded one by one rather than with the whole directory. */
    static boolean fewEnough(int changed, int members) {
        return changed <= FEW || changed * 100L <= (long) MOST_CHANGED_PERCENT * members;
    }

    /**
     * @param prior the snapshot the school was last synced from on this host, kept for a delta
     *        reader; null when none is kept
     */
    static Planned plan(Directory directory, String school, SyncPlanner planner, Snapshot snapshot, Loaded loaded,
            boolean paused, ScopedPlan.@Nullable Prior prior) {
        boolean eligible = Boolean.parseBoolean(System.getProperty(SWITCH, "true")) && !paused
                && snapshot.coverage() == Coverage.WHOLE_ROLL;
        DirectoryState full = loaded.full();
        long loadedRows = 0;
        if (loaded.base() != null) {
            SyncBase base = loaded.base();
            loadedRows = base.rowsLoaded();
            if (eligible && base.handMadeLinks().isEmpty() && importOnly(base.members(), base.groups())) {
                Planned scoped = prior == null ? null : ScopedPlan.plan(directory, school, planner, snapshot, base, prior);
                if (scoped != null) {
                    return scoped;
                }
                if (!base.complete()) { // loaded for a scoped plan that could not be made: plan by digests after all
                    SyncBase again = directory.loadSyncBase(school).orElse(null);
                    if (again == null) {
                        return whole(directory.load(school), planner, snapshot, eligible, loadedRows);
                    }
                    base = again;
                    loadedRows += again.rowsLoaded();
                }
                DirectoryState light = new DirectoryState(school, base.members(), List.of(), List.of(), List.of(),
                        base.groups(), List.of(), base.dataIssues());
                Wanted wanted = planner.want(snapshot, light);
                // the sync waits on these: about half the work done on the common pool meanwhile
                Map<String, String> digests = new FamilyDigests(wanted.links(), wanted.people().values(), wanted.details(),
                        wanted.memberships(), ForkJoinPool.commonPool()).of(wanted.members().keySet(), ForkJoinPool.commonPool());
                Set<String> scope = changed(base, wanted, digests);
                if (fewEnough(scope.size(), base.members().size())) {
                    Set<String> wantedPeople = new HashSet<>();
                    for (Link l : wanted.links()) {
                        if (scope.contains(l.memberId())) {
                            wantedPeople.add(l.personId());
                        }
                    }
                    DirectoryState current = directory.loadScope(school, base, scope, wantedPeople);
                    loadedRows += current.people().size() + current.links().size() + current.details().size()
                            + current.memberships().size();
                    Set<String> scopePeople = new HashSet<>(wantedPeople);
                    current.people().forEach(p -> scopePeople.add(p.id()));
                    ChangeSet changes = planner.diff(wanted, current, new PlanScope(scope, scopePeople));
                    DirectoryState after = after(current, changes);
                    Set<String> stay = new HashSet<>();
                    after.members().forEach(m -> stay.add(m.id()));
                    Set<String> dropped = new HashSet<>(scope);
                    dropped.removeAll(stay);
                    scope.retainAll(stay);
                    Map<String, String> written = new FamilyDigests(after.links(), after.people(), after.details(),
                            after.memberships()).of(scope);
                    return new Planned(changes, current, DigestUpdate.change(written, dropped), base.importedPeople(), true,
                            digests.size() + rows(current), loadedRows);
                }
            }
            full = directory.load(school);
        }
        return whole(Objects.requireNonNull(full), planner, snapshot, eligible, loadedRows);
    }

    /** The plan of the whole directory, {@code current}; {@code loadedRows} were loaded before it. */
    private static Planned whole(DirectoryState current, SyncPlanner planner, Snapshot snapshot, boolean eligible,
            long loadedRows) {
        loadedRows += rows(current);
        ChangeSet changes = planner.plan(snapshot, current);
        Background<DigestUpdate> digests = Background.of(DigestUpdate.invalidate());
        if (eligible && importOnly(current.members(), current.groups())
                && current.links().stream().allMatch(l -> l.origin() == Origin.IMPORT)) {
            // every family is digested: left for the store to ask for, so it can be done while the rows go in
            digests = new Background<>(() -> {
                DirectoryState after = after(current, changes);
                return DigestUpdate.replaceAll(new FamilyDigests(after.links(), after.people(), after.details(),
                        after.memberships()).of(after.members().stream().map(Member::id).toList()));
            });
        }
        return new Planned(changes, current, digests, -1, false, rows(current), loadedRows);
    }

    private static boolean importOnly(List<Member> members, List<org.misbridge.api.directory.DirectoryGroup> groups) {
        return members.stream().allMatch(m -> m.origin() == Origin.IMPORT)
                && groups.stream().allMatch(g -> g.origin() == Origin.IMPORT);
    }

    /**
     * The members to load and diff: those whose family digest differs from the stored one (or who
     * have none), and those stored but not wanted (a whole roll keeps a leaver's family, or drops it).
     */
    private static Set<String> changed(SyncBase base, Wanted wanted, Map<String, String> digests) {
        Set<String> scope = new HashSet<>();
        digests.forEach((id, digest) -> {
            if (!digest.equals(base.digests().get(id))) {
                scope.add(id);
            }
        });
        base.members().forEach(m -> {
            if (!wanted.members().containsKey(m.id())) {
                scope.add(m.id());
            }
        });
        base.digests().keySet().forEach(id -> {
            if (!wanted.members().containsKey(id)) {
                scope.add(id);
            }
        });
        return scope;
    }

    /** The rows {@code current} holds once {@code changes} is applied. */
    static DirectoryState after(DirectoryState current, ChangeSet changes) {
        return new DirectoryState(current.schoolId(), after(current.members(), changes.members()),
                after(current.people(), changes.people()), after(current.links(), changes.links()),
                after(current.details(), changes.details()), after(current.groups(), changes.groups()),
                after(current.memberships(), changes.memberships()), changes.dataIssues());
    }

    /** The rows of {@code rows} once {@code changes} is applied. */
    static <T extends Keyed> List<T> after(List<T> rows, Changes<T> changes) {
        if (rows.isEmpty() && changes.updated().isEmpty()) {
            return List.copyOf(changes.created()); // into an empty table (a first sync): only what it creates
        }
        Map<String, T> byKey = new LinkedHashMap<>(rows.size() * 2);
        rows.forEach(r -> byKey.put(r.key(), r));
        changes.removed().forEach(r -> byKey.remove(r.key()));
        changes.updated().forEach(r -> byKey.put(r.key(), r));
        changes.created().forEach(r -> byKey.put(r.key(), r));
        return List.copyOf(byKey.values());
    }

    private static long rows(DirectoryState s) {
        return (long) s.members().size() + s.people().size() + s.links().size() + s.details().size() + s.groups().size()
                + s.memberships().size() + s.dataIssues().size();
    }
}
