package org.misbridge.api;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.misbridge.api.directory.AuditRecord;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.DataIssue;
import org.misbridge.api.directory.DeliveryBlock;
import org.misbridge.api.directory.DeliveryFeedback;
import org.misbridge.api.directory.DetailKind;
import org.misbridge.api.directory.DigestUpdate;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.FeedState;
import org.misbridge.api.directory.OptOut;
import org.misbridge.api.directory.OutboxEntry;
import org.misbridge.api.directory.PendingEntry;
import org.misbridge.api.directory.SchoolCounts;
import org.misbridge.api.directory.SyncBase;
import org.misbridge.api.directory.SyncRun;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The store of every school's comms directory. Every method takes the school id and touches only
 * that school's rows.
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
     * @return the run as recorded
     */
    SyncRun applySync(String schoolId, ChangeSet changes, SyncRun run, List<OutboxEntry> outbox,
            Clock clock, SyncProgress progress);

    /**
     * As {@link #applySync(String, ChangeSet, SyncRun, List, Clock, SyncProgress)}, storing the family
     * digests {@code digests} describes in the same transaction. A store that keeps no digests ignores them.
     */
    default SyncRun applySync(String schoolId, ChangeSet changes, SyncRun run, List<OutboxEntry> outbox,
            Clock clock, SyncProgress progress, DigestUpdate digests) {
        return applySync(schoolId, changes, run, outbox, clock, progress);
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

    /** The oldest unacknowledged entries of a topic, in order, at most {@code limit}. */
    List<PendingEntry> pending(String schoolId, String topic, int limit);

    int pendingCount(String schoolId, String topic);

    /** Removes the topic's entries up to and including {@code throughSeq}; returns how many. */
    int acknowledge(String schoolId, String topic, long throughSeq);

    FeedState feedState(String schoolId, String topic);

    void recordFeedState(String schoolId, String topic, FeedState state);

    /**
     * Applies changes people made (see {@link DirectoryEdits}) in one transaction, without recording
     * a run or touching data issues (the change set's data issues are ignored). Rows that came from
     * import are refused: hand edits never change them.
     */
    void edit(String schoolId, ChangeSet changes);

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

    /** The school's opted-out students and contacts. */
    Set<OptOut> optOuts(String schoolId);

    /**
     * Opts a student or contact out ({@code optedOut} true) or back in; takes effect at the next sync.
     *
     * @return whether anything changed
     */
    boolean setOptOut(String schoolId, OptOut optOut, boolean optedOut);

    /**
     * Records delivery feedback about an email address or mobile number of the school; once the
     * feedback reaches its limit every matching detail is blocked (kept and flagged) and a data issue
     * is raised. Import never unblocks a detail; only {@link #reenable} does.
     *
     * @return the number of details now blocked for that value (0 while under the limit or unknown)
     */
    int recordDelivery(String schoolId, DetailKind kind, String value,
            DeliveryFeedback feedback);

    /**
     * The school's blocked values: each email or mobile whose delivery feedback reached its limit and
     * has not been re-enabled, with the feedback that blocked it. Import creates a detail with such a
     * value blocked, so an opt-out and an opt-in (or a contact removed and imported again) never
     * unblock it.
     */
    List<DeliveryBlock> deliveryBlocks(String schoolId);

    /** Unblocks every detail with that value and forgets its feedback; returns how many were unblocked. */
    int reenable(String schoolId, DetailKind kind, String value);

    /** Appends to the school's audit trail, which nothing deletes. */
    void audit(String schoolId, AuditRecord record);

    /** The school's audit trail, newest first, at most {@code limit} entries. */
    List<AuditRecord> auditTrail(String schoolId, int limit);

    /**
     * Queues members for deletion; they show as deleting until {@link #applyDeletion} removes them.
     *
     * @return how many were not queued already
     */
    int queueDeletion(String schoolId, List<String> memberIds, String actor);

    /**
     * Queues members for deletion as {@code actor} and, in the same transaction, appends the record of
     * it to the school's trail ({@code action}, {@code target}, and how many were queued as its count):
     * whoever asks, a deletion is never queued without its audit record, nor recorded without the queue.
     *
     * @return how many were not queued already
     */
    int queueDeletion(String schoolId, List<String> memberIds, String actor, String action, String target);

    /** The member ids waiting for deletion, oldest first. */
    List<String> deletionQueue(String schoolId);

    /**
     * Deletes in one transaction: the rows of {@code removal} (whatever their origin), the outbox
     * entries it calls for, the queue entries of {@code dequeued}, and a record of each removed
     * member so that an MIS still listing them as leavers does not bring them back.
     */
    void applyDeletion(String schoolId, ChangeSet removal, List<OutboxEntry> outbox,
            List<String> dequeued);

    /** Ids of members deleted from the school's directory. */
    Set<String> deletedMembers(String schoolId);
}
