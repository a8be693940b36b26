package org.misbridge.sync.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.SyncProgress;
import org.misbridge.api.UnsafeCharacters;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;

/** Syncs one school now and prints what changed, or why nothing did. */
@Service
@Command(scope = "school", name = "sync", description = "Syncs a school from its MIS now and prints what changed, or why nothing did.")
public final class SyncCommand extends SchoolCommandSupport {

    @Reference
    private Session session;

    @Option(name = "--dry-run", description = "Plan the sync and print the change set without applying anything.")
    private boolean dryRun;

    @Option(name = "--force", description = "Approve this one run past the deletion threshold (after checking the MIS).")
    private boolean force;

    @Override
    protected boolean acceptTrailingFlag(String flag) {
        switch (flag) {
            case "--dry-run" -> dryRun = true;
            case "--force" -> force = true;
            default -> {
                return false;
            }
        }
        return true;
    }

    @Override
    protected Object run() {
        // a progress line per step, for people; scripts reading --json get only the result
        SyncRun run = syncService.sync(school, new SyncOptions(dryRun, force), json ? SyncProgress.NONE : step -> {
            System.out.println("  " + school + ": " + UnsafeCharacters.escape(step));
            System.out.flush();
            // through bin/client -b the session's own stream holds output until flushed or the command ends
            session.getConsole().flush();
        });
        if (force && !dryRun && run.outcome() == org.misbridge.api.directory.SyncOutcome.SUCCESS) {
            Audit.record(directory, school, "sync --force", "run of " + run.startedAt(), run.created() + run.updated() + run.removed());
        }
        if (json) {
            System.out.println(Json.write(Json.run(run)));
        } else if (run.outcome() == SyncOutcome.DRY_RUN) {
            System.out.printf("Dry run of %s, nothing applied: %d to create, %d to update, %d to remove.%n  %s%n",
                    school, run.created(), run.updated(), run.removed(), UnsafeCharacters.escape(run.message()).replace("; ", "\n  "));
        } else if (run.outcome() == SyncOutcome.SUCCESS) {
            System.out.printf("Synced %s: %d created, %d updated, %d removed.%n", school, run.created(), run.updated(), run.removed());
            if (run.message() != null) {
                System.out.println(UnsafeCharacters.escape(run.message()));
            }
        } else {
            System.out.printf("Sync of %s %s, nothing changed: %s%n", school, run.outcome().name().toLowerCase(),
                    UnsafeCharacters.escape(run.message()));
        }
        return null;
    }
}
