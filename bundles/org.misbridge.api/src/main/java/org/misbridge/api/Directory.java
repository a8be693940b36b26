package org.misbridge.api;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.directory.AuditRecord;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.DataIssue;
import org.misbridge.api.directory.DigestUpdate;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.OutboxEntry;
import org.misbridge.api.directory.SchoolCounts;
import org.misbridge.api.directory.SyncBase;
import org.misbridge.api.directory.SyncRun;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The store of every school's comms directory: its rows, its syncs' runs and data issues. Every method
 * takes the school id and touches only that school's rows. The same store keeps the school's
 * {@link Outbox}, {@link ContactPreferences}, {@link AuditTrail} and {@link DeletionQueue}.
 */
@ProviderType
public interface Directory {

    /** All rows of one school (empty for a school never synced). */
    DirectoryState load(String schoolId);

    /**
     * Applies a change set and records the run in one transaction: either all of it is stored or,
     * on any failure, none of it (and the exception says why).
     */
    default void apply(String schoolId, ChangeSet changes, SyncRun run) {
        apply(schoolId, changes, run, List.of());
    }

    /** As {@link #apply(String, ChangeSet, SyncRun)}, storing the outbox entries in the same transaction. */
    void apply(String schoolId, ChangeSet changes, SyncRun run, List<OutboxEntry> outbox);

    /**
     * Applies a sync's change set and outbox as {@link #apply(String, ChangeSet, SyncRun, List)} does, telling
     * {@code progress} how the write is getting on (at least every few seconds while it lasts), and records the run
     * with its {@code finishedAt} read from {@code clock} as the write ends, just before the commit: the run's
     * times, and the durations measured from them, span the whole sync with its write.
     *
     * @param audit appended to the school's trail in the same transaction (a run forced past the deletion
     *     threshold), or null
     * @return the run as recorded
     */
    SyncRun applySync(String schoolId, ChangeSet changes, SyncRun run, List<OutboxEntry> outbox,
            Clock clock, SyncProgress progress, @Nullable AuditRecord audit);

    /**
     * As {@link #applySync(String, ChangeSet, SyncRun, List, Clock, SyncProgress, AuditRecord)}, storing the
     * family digests {@code digests} describes in the same transaction. A store that keeps no digests ignores them.
     */
    default SyncRun applySync(String schoolId, ChangeSet changes, SyncRun run, List<OutboxEntry> outbox,
            Clock clock, SyncProgress progress, @Nullable AuditRecord audit, DigestUpdate digests) {
        return applySync(schoolId, changes, run, outbox, clock, progress, audit);
    }

    /**
     * As {@link #applySync(String, ChangeSet, SyncRun, List, Clock, SyncProgress, AuditRecord, DigestUpdate)},
     * asking {@code digests} for the digest update only once the change set's rows are written, so
     * the caller can work it out meanwhile. If it throws, nothing of the sync is stored.
     */
    default SyncRun applySync(String schoolId, ChangeSet changes, SyncRun run, List<OutboxEntry> outbox,
            Clock clock, SyncProgress progress, @Nullable AuditRecord audit, Supplier<DigestUpdate> digests) {
        return applySync(schoolId, changes, run, outbox, clock, progress, audit, digests.get());
    }

    /**
     * What a re-sync loads first (see {@link SyncBase}), read in one transaction; empty when the
     * store keeps no digests for the school or they are out of step with its rows, and the sync
     * must load the whole directory.
     */
    default Optional<SyncBase> loadSyncBase(String schoolId) {
        return Optional.empty();
    }

    /**
     * As {@link #loadSyncBase(String)}, leaving all but the groups, the data issues and the sync token
     * unloaded (empty, the count of imported people -1, and {@link SyncBase#complete} false) unless
     * {@code complete}; a store may load them anyway.
     */
    default Optional<SyncBase> loadSyncBase(String schoolId, boolean complete) {
        return loadSyncBase(schoolId);
    }

    /**
     * The token stored with the school's digests ({@link SyncBase#syncToken}), alone: what a sync
     * compares before it reads anything. Empty when there are no digests in step or no token.
     */
    default Optional<String> syncToken(String schoolId) {
        return loadSyncBase(schoolId, false).map(SyncBase::syncToken);
    }

    /**
     * The directory as a plan of the members {@code memberIds} needs it: every member and group of
     * {@code base}, and of the other rows those of the members' links (of any origin), of the linked
     * people those links name or {@code personIds} lists, of those people's and members' details,
     * and of the members' group memberships; the blocked details and data issues of {@code base}.
     */
    default DirectoryState loadScope(String schoolId, SyncBase base, Set<String> memberIds, Set<String> personIds) {
        throw new UnsupportedOperationException("this store keeps no digests");
    }

    /**
     * Queues a feed's first full export once: in one transaction, if the feed is not yet
     * initialised, stores the entries {@code initial} makes of the directory as it is and marks the
     * feed initialised; no sync of the school runs meanwhile.
     *
     * @return whether this call initialised the feed
     */
    boolean initialiseFeed(String schoolId, String topic,
            Function<DirectoryState, List<OutboxEntry>> initial);

    /**
     * Applies changes people made (see {@link DirectoryEdits}) in one transaction, without recording
     * a run or touching data issues (the change set's data issues are ignored). Rows that came from
     * import are refused: hand edits never change them.
     */
    void edit(String schoolId, ChangeSet changes);

    /**
     * As {@link #edit(String, ChangeSet)}, appending {@code audit} to the school's trail (see
     * {@link AuditTrail}) in the same transaction: whoever makes the edit, it is never stored without its
     * audit record, nor recorded without the edit.
     */
    void edit(String schoolId, ChangeSet changes, AuditRecord audit);

    /** The school's last successful run (one that read the MIS and applied what it found), if any. */
    Optional<SyncRun> lastGoodRun(String schoolId);

    /** Records a run that applied nothing (failed or refused). */
    void recordRun(String schoolId, SyncRun run);

    Optional<SyncRun> lastRun(String schoolId);

    /**
     * Runs {@code work} holding the school's lock in the store itself, which every host sharing the
     * store honours: with several hosts on one database, two syncs or edits of one school never
     * overlap, whichever hosts run them. A second caller waits. A store only one host can use (an
     * embedded database) has nothing to add to the host's own lock and just runs the work.
     */
    default <T> T withSchoolLock(String schoolId, Supplier<T> work) {
        return work.get();
    }

    SchoolCounts counts(String schoolId);

    List<DataIssue> dataIssues(String schoolId);
}
