package org.misbridge.sync.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Directory;
import org.misbridge.api.Redactor;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.Changes;
import org.misbridge.api.directory.DataIssue;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.RowCounts;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.sync.plan.ChangeSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs of one school's syncs that apply nothing to its rows, each recorded with the reason an
 * operator reads in status: failed, refused by the deletion threshold, or with nothing to do.
 */
final class UnappliedRuns {

    private static final Logger LOG = LoggerFactory.getLogger(UnappliedRuns.class);
    /** The kind of data issue a refusal by the deletion threshold records. */
    static final String THRESHOLD_ISSUE = "deletion-threshold";

    private final String schoolId;
    private final Directory directory;
    private final Clock clock;
    private final @Nullable String host;

    UnappliedRuns(String schoolId, Directory directory, Clock clock, @Nullable String host) {
        this.schoolId = schoolId;
        this.directory = directory;
        this.clock = clock;
        this.host = host;
    }

    /** A failed sync, its cause with anything that looks like a credential masked. */
    SyncRun fail(Instant started, @Nullable Instant scheduledFor, String cause) {
        // readers quote answers redacted; this masks what looks like a credential in any other message
        String reason = Redactor.patterns().redact(cause);
        LOG.warn("Sync of school {} failed, nothing changed: {}", schoolId, reason);
        SyncRun run = new SyncRun(started, clock.instant(), SyncOutcome.FAILED, 0, 0, 0, reason, host, scheduledFor);
        try {
            directory.recordRun(schoolId, run);
        } catch (RuntimeException | Error e) {
            LOG.error("Could not record the failed sync of school {}", schoolId, e);
        }
        return run;
    }

    /**
     * Applies nothing to the school's rows; records the refused run and a data issue per kind over
     * the limit, in one transaction, so the refusal shows in status and issues.
     */
    SyncRun refuse(Instant started, @Nullable Instant scheduledFor, ChangeSet refused, DirectoryState current,
            List<String> violations) {
        String reason = "refused by the deletion threshold: " + String.join("; ", violations)
                + ". Refused change set: " + ChangeSummary.describe(refused)
                + ". Check the MIS (school:sync " + schoolId + " --dry-run shows the change set again);"
                + " to apply it once, run school:sync " + schoolId + " --force";
        LOG.warn("Sync of school {} refused, nothing changed: {}", schoolId, reason);
        List<DataIssue> issues = new ArrayList<>(current.dataIssues());
        violations.forEach(v -> issues.add(new DataIssue(THRESHOLD_ISSUE, null, null, null, v)));
        SyncRun run = new SyncRun(started, clock.instant(), SyncOutcome.REFUSED, refused.created(), refused.updated(),
                refused.removed(), reason, host, scheduledFor);
        ChangeSet nothing = new ChangeSet(Changes.none(), Changes.none(), Changes.none(), Changes.none(),
                Changes.none(), Changes.none(), issues);
        directory.apply(schoolId, nothing, run);
        return run;
    }

    /** A sync whose inputs are the last sync's (see {@link SameInputs}): recorded, with nothing read or written. */
    SyncRun unchanged(Instant started, @Nullable Instant scheduledFor, String readerKind) {
        String why = "nothing to do: the MIS files, the import settings and the day are those of the last sync,"
                + " and nothing else has written the school's rows since";
        SyncRun run = new SyncRun(started, clock.instant(), SyncOutcome.SUCCESS, 0, 0, 0, why, host, scheduledFor)
                .withRows(new RowCounts(0, 0, 0, 0));
        directory.recordRun(schoolId, run);
        LOG.info("Synced school {} from {}: {}", schoolId, readerKind, why);
        return run;
    }
}
