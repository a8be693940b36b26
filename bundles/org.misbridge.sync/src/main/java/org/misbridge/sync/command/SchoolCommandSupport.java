package org.misbridge.sync.command;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Directory;
import org.misbridge.api.SyncService;

/** What every command about one school shares: the school argument, --json, the sync service and the directory. */
abstract class SchoolCommandSupport implements Action {

    @Reference
    protected SyncService syncService;

    @Reference
    protected Directory directory;

    @Argument(index = 0, name = "school", description = "The school id.", required = true)
    @Completion(SchoolIdCompleter.class)
    protected String school;

    @Option(name = "--json", description = "Print JSON for scripts instead of text.")
    protected boolean json;

    // Karaf reads options only before arguments; operators also type "school:status demo --json".
    @Argument(index = 1, name = "more", description = "This command's flags (see OPTIONS), which may also follow the school id.", multiValued = true)
    private @Nullable List<String> trailing;

    @Override
    public final Object execute() throws Exception {
        if (trailing != null) {
            for (String t : trailing) {
                if ("--json".equals(t)) {
                    json = true;
                } else if (!acceptTrailingFlag(t)) {
                    System.err.println("Unexpected argument '" + t + "': options that take a value go before the school id (see --help).");
                    return null;
                }
            }
        }
        if (syncService.school(school).isEmpty()) {
            System.err.println("No school '" + school + "' is configured (see school:list).");
            return null;
        }
        return run();
    }

    /** Takes a flag typed after the school id; false when the command has no such flag. */
    protected boolean acceptTrailingFlag(String flag) {
        return false;
    }

    /** Runs the command for a configured school. */
    protected abstract @Nullable Object run() throws Exception;
}
