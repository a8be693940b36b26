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
}
