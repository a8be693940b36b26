package org.misbridge.api.lifecycle;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.Member;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The leaver lifecycle's rules for any caller (the school:* commands, a portal): which leavers a
 * selection takes and what to warn about, deletion with export, erasure, merge, wallets closed and
 * settled, the year-end report, retention and the archive of custom groups. Every method takes the
 * school id; a change is checked here, made, and audited as {@code actor}. Refusals are
 * {@link IllegalArgumentException} (bad input) or {@link IllegalStateException} (not now).
 */
@ProviderType
public interface LeaverLifecycle {

    /** Ids of the schools with a leaver lifecycle configured. */
    List<String> schools();

    /** Days after deletion when what is kept about a member of the school is anonymised. */
    int anonymiseAfterDays(String schoolId);

    ZoneId zone(String schoolId);

    /** The school's leavers (by id) with their warnings, and the deletion queue's state. */
    LeaversOverview leavers(String schoolId);

    /** The deletion queue's progress, with the number queued now. */
    DeletionProgress progress(String schoolId);

    /**
     * The leavers a selection takes that are not queued yet, each with its warnings.
     *
     * @param exportName the file the data is exported to first, checked here, or null
     */
    DeletionPlan planDeletion(String schoolId, LeaverSelection selection, @Nullable String exportName);

    /** Exports (when named) and queues the selection for deletion, audited; the queue then deletes in the background. */
    DeletionQueued deleteLeavers(String schoolId, LeaverSelection selection, @Nullable String exportName, String actor)
            throws IOException;

    /** The leaver that can be erased, or a refusal: not a member, or not a leaver in the MIS. */
    Member erasable(String schoolId, String memberId);

    /**
     * Right to erasure: opts the leaver out, syncs, then queues their deletion; audited as one action.
     *
     * @return how many were queued
     * @throws IllegalStateException when the sync did not succeed (the opt-out stays; nothing deleted)
     */
    int erase(String schoolId, String memberId, String actor);

    /** What merging {@code duplicateId} into {@code keepId} would change, worked out now. */
    ChangeSet planMerge(String schoolId, String keepId, String duplicateId);

    /** Merges under the school's lock, planned again there; returns the rows changed. Audited. */
    int merge(String schoolId, String keepId, String duplicateId, String actor);

    /** Wallets with the holder's children staying; with {@code onlyToClose} the open ones with none. */
    List<WalletView> wallets(String schoolId, boolean onlyToClose);

    /** The open wallet whose holder has no child staying, or a refusal saying why it cannot close. */
    Wallet closable(String schoolId, String walletId);

    /** Closes the wallet once {@link #closable} allows it; audited. */
    Wallet closeWallet(String schoolId, String walletId, String actor);

    /** The closed wallet that can be settled with a refund on {@code refunded}, or a refusal. */
    Wallet settleable(String schoolId, String walletId, LocalDate refunded);

    /** Settles the wallet once {@link #settleable} allows it; audited. */
    Wallet settleWallet(String schoolId, String walletId, LocalDate refunded, String actor);

    /** Writes the year-end CSV report to a new file of the export folder. */
    ReportWritten writeReport(String schoolId, String fileName) throws IOException;

    /** Extends the retention period to {@code days} (never shortens it); returns the period it replaced. Audited. */
    int extendRetention(String schoolId, int days, String actor) throws IOException;

    /** The custom groups created before the day (in the school's zone) that archiving would take. */
    List<ArchivedGroup> groupsToArchive(String schoolId, LocalDate before);

    /** Archives them; audited. */
    List<ArchivedGroup> archiveGroups(String schoolId, LocalDate before, String actor);

    /** Deleted members with the moment each is anonymised from. */
    List<ErasureDue> erasures(String schoolId);

    /** Anonymises now what is past the retention period; returns how many. Audited. */
    int anonymiseDue(String schoolId, String actor);

    /** Which leavers: every one, one year group, or the ids given (exactly one of the three). */
    record LeaverSelection(boolean all, @Nullable String year, List<String> ids) {

        public LeaverSelection {
            ids = List.copyOf(ids);
            if ((all ? 1 : 0) + (year != null ? 1 : 0) + (ids.isEmpty() ? 0 : 1) != 1) {
                throw new IllegalArgumentException("give exactly one of --all, --year N, or member ids after the school id");
            }
        }

        /** The selection as the audit trail names it. */
        public String describe() {
            return all ? "--all" : year != null ? "--year " + year : String.join(",", ids);
        }
    }

    /** A leaver with the number of linked adults, whether queued for deletion, and what is still owed. */
    record LeaverRow(Member member, int linkedAdults, boolean deleting, List<String> warnings) {
    }

    record LeaversOverview(List<LeaverRow> leavers, DeletionProgress progress) {
    }

    /** The deletion queue: queued now, deleted since the queue last started, whether it is working. */
    record DeletionProgress(int queued, int deleted, boolean running, @Nullable String lastError) {
    }

    /** What a deletion would take; {@code alreadyQueued} counts the school's queue. */
    record DeletionPlan(List<LeaverRow> chosen, int alreadyQueued) {
    }

    /** What a deletion did: the file exported first (or null) and how many were queued. */
    record DeletionQueued(int chosen, @Nullable Path exported, int queued) {
    }

    record WalletView(Wallet wallet, List<String> childrenStaying) {
    }

    record ReportWritten(Path file, int members) {
    }

    /** A deleted member, when what is kept about them is anonymised, and whether that is due now. */
    record ErasureDue(Erasure erasure, Instant anonymiseFrom, boolean due) {
    }
}
