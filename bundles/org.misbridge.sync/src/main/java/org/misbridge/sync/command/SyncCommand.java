package org.misbridge.sync.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.misbridge.api.Role;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.SyncProgress;
import org.misbridge.api.UnsafeCharacters;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.shell.CommandJson;

/**
 * Syncs one school now and prints what changed, or why nothing did. A sync that fails, is refused or
 * finds the school paused ends in an error, so a script sees a non-zero exit.
 */
@Service
@Command(scope = "school", name = "sync", description = "Syncs a school from its MIS now and prints what changed, or why nothing did.")
public final class SyncCommand extends SchoolCommandSupport {

    @Reference
    private Session session;

    @Option(name = "--dry-run", description = "Plan the sync and print the change set without applying anything.")
    private boolean dryRun;

    @Option(name = "--force", description = "Approve this one run past the deletion threshold (after checking the MIS);"
            + " it reads and plans even files unchanged since the last sync.")
    private boolean force;

    /** A dry run changes nothing, whatever else was typed; a forced run overrides the deletion threshold. */
    @Override
    protected Role role() {
        return new SyncOptions(dryRun, force).role();
    }

    @Override
    protected String request() {
        return new SyncOptions(dryRun, force).describe();
    }

    @Override
    protected Object run() throws CommandException {
        // a progress line per step, for people; scripts reading --json get only the result
        SyncRun run = syncService.sync(school, new SyncOptions(dryRun, force), json ? SyncProgress.NONE : step -> {
            System.out.println("  " + school + ": " + UnsafeCharacters.escape(step));
            System.out.flush();
            // through bin/client -b the session's own stream holds output until flushed or the command ends
            session.getConsole().flush();
        });
        if (json) {
            System.out.println(CommandJson.write(RunJson.of(run)));
        } else if (run.outcome() == SyncOutcome.DRY_RUN) {
            System.out.printf("Dry run of %s, nothing applied: %d to create, %d to update, %d to remove.%n  %s%n",
                    school, run.created(), run.updated(), run.removed(), UnsafeCharacters.escape(run.message()).replace("; ", "\n  "));
        } else if (run.outcome() == SyncOutcome.SUCCESS) {
            System.out.printf("Synced %s: %d created, %d updated, %d removed.%n", school, run.created(), run.updated(), run.removed());
            if (run.message() != null) {
                System.out.println(UnsafeCharacters.escape(run.message()));
            }
        }
        if (run.outcome() != SyncOutcome.SUCCESS && run.outcome() != SyncOutcome.DRY_RUN) {
            throw new CommandException("Sync of " + school + " " + run.outcome().name().toLowerCase() + ", nothing changed: "
                    + UnsafeCharacters.escape(run.message()));
        }
        return null;
    }
}
