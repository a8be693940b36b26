package org.misbridge.sync.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.misbridge.api.SyncService;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;

/** Syncs one school now and prints what changed, or why nothing did. */
@Service
@Command(scope = "school", name = "sync", description = "Syncs a school from its MIS now and prints what changed, or why nothing did.")
public final class SyncCommand implements Action {

    @Reference
    private SyncService syncService;

    @Argument(index = 0, name = "school", description = "The school id.", required = true)
    @Completion(SchoolIdCompleter.class)
    private String school;

    @Option(name = "--json", description = "Print the run as JSON for scripts.")
    private boolean json;

    @Override
    public Object execute() {
        if (syncService.school(school).isEmpty()) {
            System.err.println("No school '" + school + "' is configured (see school:list).");
            return null;
        }
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
