package org.misbridge.api;

/**
 * How to run one sync.
 *
 * @param dryRun plan the change set and report it without applying anything
 * @param force approve this one run past the deletion threshold
 */
public record SyncOptions(boolean dryRun, boolean force) {

    public static SyncOptions normal() {
        return new SyncOptions(false, false);
    }

    /** The role a sync with these options needs: a dry run changes nothing, whatever else it says. */
    public Role role() {
        return dryRun ? Role.VIEWER : force ? Role.ADMIN : Role.OPERATOR;
    }

    /** The sync as a person names it, for a refusal. */
    public String describe() {
        return dryRun ? "school:sync --dry-run" : force ? "school:sync --force (past the deletion threshold)" : "school:sync (applying changes)";
    }
}
