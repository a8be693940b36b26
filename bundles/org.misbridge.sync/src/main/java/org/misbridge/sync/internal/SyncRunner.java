package org.misbridge.sync.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Actors;
import org.misbridge.api.ContactPreferences;
import org.misbridge.api.DeletionQueue;
import org.misbridge.api.Directory;
import org.misbridge.api.SchoolProperties;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.SyncProgress;
import org.misbridge.api.directory.AuditRecord;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.directory.OutboxEntry;
import org.misbridge.api.directory.RowCounts;
import org.misbridge.api.directory.SyncBase;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.model.Coverage;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.spi.ChangeFeed;
import org.misbridge.api.spi.DeltaReader;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.api.spi.MisReader;
import org.misbridge.api.spi.Notifier.DetailNotification;
import org.misbridge.sync.plan.ChangeSummary;
import org.misbridge.sync.plan.DeletionThreshold;
import org.misbridge.sync.plan.DetailNotifications;
import org.misbridge.sync.plan.ImportSettings;
import org.misbridge.sync.plan.Pause;
import org.misbridge.sync.plan.ReaderIssues;
import org.misbridge.sync.plan.SyncPlanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One sync of one school from read to store, all or nothing: any failure is recorded as a run
 * that applied nothing, with the reason an operator can act on.
 */
final class SyncRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SyncRunner.class);

    private final String schoolId;
    private final MisReader reader;
    private final Directory directory;
    private final ContactPreferences preferences;
    private final DeletionQueue deletions;
    private final ImportSettings settings;
    private final DeletionThreshold threshold;
    private final Set<Pause> paused;
    private final ZoneId zone;
    private final Clock clock;
    private final NotifyPolicy notify;
    private final Supplier<List<ChangeFeed>> feeds;
    /** This host's node id, recorded with each run. */
    private final @Nullable String host;
    private final UnappliedRuns unapplied;
    /** The last snapshot applied, kept while the reader reads deltas; syncs of one school run one at a time. Tests read it. */
    volatile ScopedPlan.@Nullable Prior prior;

    // every runner of this host, for letGoOfUnusedPriors; weak, so a school's removal needs no word here
    private static final Set<SyncRunner> LIVE = Collections.newSetFromMap(new WeakHashMap<>());
    // lets letGoOfUnusedPriors clear only the very prior it judged, never one a sync has just kept
    private static final AtomicReferenceFieldUpdater<SyncRunner, ScopedPlan.Prior> PRIOR =
            AtomicReferenceFieldUpdater.newUpdater(SyncRunner.class, ScopedPlan.Prior.class, "prior");

    SyncRunner(String schoolId, MisReader reader, Directory directory, ContactPreferences preferences,
            DeletionQueue deletions, RunnerSettings run) {
        this.schoolId = schoolId;
        this.reader = reader;
        this.directory = directory;
        this.preferences = preferences;
        this.deletions = deletions;
        this.settings = run.imports();
        this.threshold = run.threshold();
        this.paused = run.paused();
        this.zone = run.zone();
        this.clock = run.clock();
        this.notify = run.notifyPolicy();
        this.feeds = run.feeds();
        this.host = run.host();
        this.unapplied = new UnappliedRuns(schoolId, directory, clock, host);
        synchronized (LIVE) {
            LIVE.add(this);
        }
    }

    SyncRun run() {
        return run(SyncOptions.normal());
    }

    SyncRun run(SyncOptions options) {
        return run(options, SyncProgress.NONE, null);
    }

    /** Runs one sync, telling {@code progress} after the read, the plan and the apply. */
    SyncRun run(SyncOptions options, SyncProgress progress) {
        return run(options, progress, null);
    }

    /**
     * Runs one sync.
     *
     * @param progress told after the read, the plan and the apply
     * @param scheduledFor the scheduled firing this sync is for, recorded with the run; null on demand
     */
    SyncRun run(SyncOptions options, SyncProgress progress, @Nullable Instant scheduledFor) {
        Instant started = clock.instant();
        if (paused.contains(Pause.ALL)) {
            return new SyncRun(started, started, SyncOutcome.PAUSED, 0, 0, 0,
                    "school " + schoolId + " is paused; school:resume " + schoolId + " resumes it", host, scheduledFor);
        }
        // everything the sync does on this thread, the reader's requests too, logs with the school's id
        String outer = MDC.get(SchoolProperties.SCHOOL_ID);
        MDC.put(SchoolProperties.SCHOOL_ID, schoolId);
        // the directory loads on another thread while the MIS is read: on PostgreSQL the load mostly
        // waits on the server, so the read's time covers most of it
        // the snapshot and members kept from the last sync, while the reader reads deltas
        ScopedPlan.Prior held = keepsSnapshots() ? prior : null;
        Background<IncrementalPlan.Loaded> loading = null;
        SameInputs same = null;
        try {
            SyncPlanner planner = new SyncPlanner(settings, LocalDate.ofInstant(clock.instant(), zone), paused,
                    preferences.optOuts(schoolId), deletions.deletedMembers(schoolId), preferences.deliveryBlocks(schoolId));
            // a forced run always reads and plans in full (and is audited as one), but keeps a token like any other;
            // a dry run writes none
            same = options.dryRun() || keepsSnapshots() || !paused.isEmpty() ? null
                    : SameInputs.before(reader, planner, options.force() ? Optional::empty : () -> directory.syncToken(schoolId));
            if (same != null && same.unchanged()) {
                SyncRun run = unapplied.unchanged(started, scheduledFor, reader.kind());
                tell(progress, "read nothing: the files hash as at the last sync, in " + seconds(started, run.finishedAt()));
                return run;
            }
            loading = startLoad(held != null);
            return syncOnce(options, progress, scheduledFor, started, loading, held, planner, same);
        } catch (MisReadException e) {
            return unapplied.fail(started, scheduledFor, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Sync of school {} failed", schoolId, e);
            return unapplied.fail(started, scheduledFor, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (Error e) {
            // an OutOfMemoryError, a StackOverflowError, a class gone with a refreshed bundle: the
            // sync's own frame has unwound, so what it held (the snapshot) can be collected before
            // the failure is recorded; the host goes on with its other schools
            LOG.error("Sync of school {} failed with {}", schoolId, e.getClass().getName(), e);
            return unapplied.fail(started, scheduledFor, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            if (loading != null) {
                loading.awaitQuietly(); // a load never outlives the sync (and its school lock)
            }
            if (same != null) {
                same.awaitQuietly();
            }
            letGoOfUnusedPriors(); // this sync's read may have made another school's reader let its read go
            if (outer == null) {
                MDC.remove(SchoolProperties.SCHOOL_ID);
            } else {
                MDC.put(SchoolProperties.SCHOOL_ID, outer);
            }
        }
    }

    /** Reads, plans, guards and applies; everything it holds is gone once it returns or throws. */
    private SyncRun syncOnce(SyncOptions options, SyncProgress progress, @Nullable Instant scheduledFor, Instant started,
            Background<IncrementalPlan.Loaded> loading, ScopedPlan.@Nullable Prior kept, SyncPlanner planner,
            @Nullable SameInputs same) throws MisReadException {
        Snapshot snapshot = reader.read();
        Instant read = clock.instant();
        if (same != null) {
            same.afterRead(schoolId);
        }
        tell(progress, "read " + snapshot.students().size() + " students, " + snapshot.staff().size() + " staff, "
                + snapshot.contacts().size() + " contacts, " + snapshot.groups().size() + " groups from "
                + reader.kind() + " in " + seconds(started, read));
        if (!snapshot.schoolId().equals(schoolId)) {
            return unapplied.fail(started, scheduledFor, "the reader returned school '" + snapshot.schoolId() + "', not '" + schoolId + "'");
        }
        if (!snapshot.failures().isEmpty()) {
            return unapplied.fail(started, scheduledFor, "the MIS read was incomplete: " + snapshot.failures().stream()
                    .map(f -> f.area().name().toLowerCase() + ": " + f.reason()).collect(Collectors.joining("; ")));
        }
        IncrementalPlan.Loaded loaded = loading.get(); // a failed load throws what the load threw
        SyncBase light = loaded.base();
        if (light != null && !light.complete()) {
            // the kept members are the stored ones only while the store's token is the kept one
            loaded = kept != null && kept.token().equals(light.syncToken())
                    ? new IncrementalPlan.Loaded(light.withKept(kept.members(), kept.handMadeLinks(), kept.blockedDetails(),
                            kept.importedPeople()), null)
                    : directory.loadSyncBase(schoolId).map(b -> new IncrementalPlan.Loaded(b, null))
                            .orElseGet(() -> new IncrementalPlan.Loaded(null, directory.load(schoolId)));
        }
        if (snapshot.students().isEmpty() && hasImportedStudents(loaded.members())) {
            return unapplied.fail(started, scheduledFor, "the MIS returned no students for a school that has them; "
                    + "an empty roll is treated as a broken read, not as everyone leaving");
        }
        IncrementalPlan.Planned plan = IncrementalPlan.plan(directory, schoolId, planner, snapshot, loaded, !paused.isEmpty(),
                kept);
        DirectoryState current = plan.current();
        ChangeSet changes = ReaderIssues.record(snapshot, plan.changes());
        Instant planned = clock.instant();
        tell(progress, "planned " + changes.created() + " to create, " + changes.updated() + " to update, "
                + changes.removed() + " to remove, " + changes.dataIssues().size() + " data issues in "
                + seconds(read, planned));
        if (options.dryRun()) {
            return new SyncRun(started, clock.instant(), SyncOutcome.DRY_RUN, changes.created(),
                    changes.updated(), changes.removed(), String.join("; ", withNotes(ChangeSummary.describe(changes), planner)),
                    host, scheduledFor);
        }
        if (snapshot.coverage() == Coverage.WHOLE_ROLL) {
            Optional<String> nearEmpty = DeletionThreshold.nearEmpty(snapshot, current);
            if (nearEmpty.isPresent()) {
                return unapplied.fail(started, scheduledFor, nearEmpty.get());
            }
        }
        List<String> violations = plan.importedPeople() < 0 ? threshold.violations(changes, current)
                : threshold.violations(changes, current, plan.importedPeople());
        if (!violations.isEmpty() && !options.force()) {
            return unapplied.refuse(started, scheduledFor, changes, current, violations);
        }
        List<String> notes = new ArrayList<>(planner.notes());
        if (!violations.isEmpty()) {
            notes.add("approved past the deletion threshold (--force): " + String.join("; ", violations));
        }
        List<DetailNotification> notifications = notify.enabled() ? DetailNotifications.of(changes) : List.of();
        if (!notifications.isEmpty() && !notify.onFirstImport() && directory.lastGoodRun(schoolId).isEmpty()) {
            String heldBack = "first import: " + notifications.size() + " new-detail notifications held back"
                    + " (a first import would notify every contact; notify.onFirstImport=true sends them)";
            LOG.warn("School {}: {}", schoolId, heldBack);
            notes.add(heldBack);
            notifications = List.of();
        }
        SyncRun run = new SyncRun(started, clock.instant(), SyncOutcome.SUCCESS, changes.created(),
                changes.updated(), changes.removed(), notes.isEmpty() ? null : String.join("; ", notes), host,
                scheduledFor).withRows(new RowCounts(recordsRead(snapshot), plan.compared(), plan.loaded(),
                        (long) changes.created() + changes.updated() + changes.removed()));
        List<ChangeFeed> listening = feeds.get();
        List<OutboxEntry> outbox = outboxFor(listening, current, changes);
        // a run forced past the threshold is audited, as whoever asked for it, in the run's own transaction
        AuditRecord forced = options.force() ? new AuditRecord(clock.instant(), Actors.current(), "sync --force",
                "run of " + run.startedAt(), run.created() + run.updated() + run.removed()) : null;
        // the store stamps finishedAt as the write ends, so the run's times span it
        // a reader that reads deltas now: the snapshot is kept, under the inputs token where there is one (so
        // that a sync after the reader has let its read go can still find the inputs unchanged), else a new one
        boolean keeps = keepsSnapshots();
        String[] token = {null};
        plan.later().start("misbridge-digests-" + schoolId, schoolId); // digested while the rows are written
        run = directory.applySync(schoolId, changes, run, outbox, clock, step -> tell(progress, step), forced, () -> {
            String vouched = same == null ? null : same.token();
            token[0] = keeps && vouched == null ? UUID.randomUUID().toString() : vouched;
            return plan.digests().withSyncToken(token[0]);
        });
        prior = keeps && token[0] != null
                ? ScopedPlan.Prior.after(token[0], planner.inputs(), snapshot, loaded.base(), plan, changes) : null;
        tell(progress, "applied in " + seconds(planned, run.finishedAt()));
        tellFeeds(listening, outbox);
        if (!notifications.isEmpty()) {
            deliver(notifications);
        }
        LOG.info("Synced school {} from {}: {} created, {} updated, {} removed, {} data issues",
                schoolId, reader.kind(), run.created(), run.updated(), run.removed(), changes.dataIssues().size());
        return run;
    }

    private static List<String> withNotes(String first, SyncPlanner planner) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(planner.notes());
        return all;
    }

    /** Whether the last snapshot applied is kept: only for a reader that reads deltas. */
    private boolean keepsSnapshots() {
        return reader instanceof DeltaReader d && d.readsDeltas();
    }

    /**
     * Lets go of every school's kept snapshot whose reader no longer reads deltas: a reader whose
     * kept read was let go for another school's (oneroster.csv.deltas=auto, one budget for the host)
     * says so only through {@link DeltaReader#readsDeltas}, and what the sync kept beside that read
     * must go with it, not at that school's next sync. Runs after each sync; cheap per school.
     */
    static void letGoOfUnusedPriors() {
        List<SyncRunner> all;
        synchronized (LIVE) {
            all = new ArrayList<>(LIVE);
        }
        for (SyncRunner r : all) {
            ScopedPlan.Prior kept = r.prior;
            if (kept != null && !r.keepsSnapshots()) {
                // a sync of that school running now took its own copy at its start, and one that has just
                // kept a newer prior keeps it
                PRIOR.compareAndSet(r, kept, null);
            }
        }
    }

    /**
     * Loads the digests and what every plan reads whole, or the whole directory when there are none
     * in step; with {@code light}, the members and digests are left out (see {@link ScopedPlan}).
     */
    private Background<IncrementalPlan.Loaded> startLoad(boolean light) {
        return new Background<>(() -> {
            var base = paused.isEmpty() ? directory.loadSyncBase(schoolId, !light) : Optional.<SyncBase>empty();
            return base.isPresent() ? new IncrementalPlan.Loaded(base.get(), null)
                    : new IncrementalPlan.Loaded(null, directory.load(schoolId));
        }).start("misbridge-load-" + schoolId, schoolId);
    }

    /** A listener that fails must not fail the sync it listens to. */
    private void tell(SyncProgress progress, String step) {
        try {
            progress.report(step);
        } catch (RuntimeException e) {
            LOG.debug("School {}: a progress listener failed", schoolId, e);
        }
    }

    private static String seconds(Instant from, Instant to) {
        return String.format(Locale.ROOT, "%.1f s", Duration.between(from, to).toMillis() / 1000.0);
    }

    /** What each feed (the meal export, say) records in this sync's own transaction. */
    private static List<OutboxEntry> outboxFor(List<ChangeFeed> feeds, DirectoryState before, ChangeSet changes) {
        List<OutboxEntry> out = new ArrayList<>();
        for (ChangeFeed feed : feeds) {
            for (OutboxEntry e : feed.entriesFor(before, changes)) {
                if (!e.topic().equals(feed.topic())) {
                    throw new IllegalStateException("the " + feed.topic() + " feed wrote an entry for topic " + e.topic());
                }
                out.add(e);
            }
        }
        return out;
    }

    private void tellFeeds(List<ChangeFeed> feeds, List<OutboxEntry> outbox) {
        for (ChangeFeed feed : feeds) {
            if (outbox.stream().anyMatch(e -> e.topic().equals(feed.topic()))) {
                try {
                    feed.committed();
                } catch (RuntimeException e) {
                    LOG.error("School {}: the {} feed failed after the commit; its entries wait in the outbox",
                            schoolId, feed.topic(), e);
                }
            }
        }
    }

    /** After the commit: a notifier that fails cannot undo the sync, so it is logged, not thrown. */
    private void deliver(List<DetailNotification> notifications) {
        try {
            notify.sink().accept(notifications);
            LOG.info("School {}: {} new or changed details announced", schoolId, notifications.size());
        } catch (RuntimeException e) {
            LOG.error("School {}: announcing {} new or changed details failed", schoolId, notifications.size(), e);
        }
    }

    private static long recordsRead(Snapshot s) {
        return (long) s.students().size() + s.staff().size() + s.contacts().size() + s.links().size() + s.groups().size();
    }

    private static boolean hasImportedStudents(List<Member> members) {
        return members.stream().anyMatch(m -> m.kind() == MemberKind.STUDENT && m.origin() == Origin.IMPORT);
    }
}
