package org.misbridge.sync.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;

/** Syncs one school now and prints what changed, or why nothing did. */
@Service
@Command(scope = "school", name = "sync", description = "Syncs a school from its MIS now and prints what changed, or why nothing did.")
public final class SyncCommand extends SchoolCommandSupport {

    @Override
    protected Object run() {
        SyncRun run = syncService.sync(school);
        if (json) {
            System.out.println(Json.write(Json.run(run)));
        } else if (run.outcome() == SyncOutcome.SUCCESS) {
            System.out.printf("Synced %s: %d created, %d updated, %d removed.%n", school, run.created(), run.updated(), run.removed());
        } else {
            System.out.printf("Sync of %s %s, nothing changed: %s%n", school, run.outcome().name().toLowerCase(), run.message());
        }
        return null;
    }
}
