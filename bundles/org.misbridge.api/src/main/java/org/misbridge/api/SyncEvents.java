package org.misbridge.api;

/**
 * The EventAdmin events a school's sync posts, for dashboards, metrics and other bundles: every
 * event carries {@link SchoolProperties#SCHOOL_ID}; the ones after a run also its outcome, counts
 * and duration. Posted asynchronously; a sync runs the same with no EventAdmin present.
 */
public final class SyncEvents {

    /** All of them, for an EventHandler's {@code event.topics}. */
    public static final String TOPIC_ALL = "org/misbridge/sync/*";
    /** A sync (or a dry run) began. */
    public static final String STARTED = "org/misbridge/sync/STARTED";
    /** A sync applied its change set (outcome SUCCESS), or a dry run or paused school ended (DRY_RUN, PAUSED). */
    public static final String FINISHED = "org/misbridge/sync/FINISHED";
    /** The deletion threshold refused a sync; nothing was applied. */
    public static final String REFUSED = "org/misbridge/sync/REFUSED";
    /** A sync failed (the MIS, a broken file, the store); nothing was applied. */
    public static final String FAILED = "org/misbridge/sync/FAILED";

    /** The run's {@code SyncOutcome} name. */
    public static final String OUTCOME = "outcome";
    public static final String CREATED = "created";
    public static final String UPDATED = "updated";
    public static final String REMOVED = "removed";
    /** How long the run took, in milliseconds (a long). */
    public static final String DURATION_MILLIS = "durationMillis";
    /** Records the MIS read gave (a long; on a run that applied its change set). */
    public static final String ROWS_READ = "rowsRead";
    /** Stored rows or family digests the plan compared with the read (a long). */
    public static final String ROWS_COMPARED = "rowsCompared";
    /** Rows loaded from the store (a long). */
    public static final String ROWS_LOADED = "rowsLoaded";
    /** Rows written: created, updated and removed (a long). */
    public static final String ROWS_WRITTEN = "rowsWritten";
    /** Whether the run was a dry run (a boolean). */
    public static final String DRY_RUN = "dryRun";
    /** Why a run failed or was refused, as the run records it (never a credential). */
    public static final String MESSAGE = "message";

    private SyncEvents() {
    }
}
