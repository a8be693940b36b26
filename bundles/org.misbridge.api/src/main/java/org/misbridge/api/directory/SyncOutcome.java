package org.misbridge.api.directory;

/** How a sync run ended. */
public enum SyncOutcome {
    /** Applied (possibly with no changes). */
    SUCCESS,
    /** The reader or the engine failed; nothing was applied. */
    FAILED,
    /** A guard refused the change set; nothing was applied. */
    REFUSED,
    /** Planned only (school:sync --dry-run); nothing was applied or recorded. */
    DRY_RUN,
    /** The school is paused (school:resume); nothing was read, applied or recorded. */
    PAUSED
}
