package org.misbridge.sync.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.misbridge.api.Directory;
import org.misbridge.api.DirectoryEdits;
import org.misbridge.api.SyncService;

/**
 * What every hand-edit command shares: the school argument and the edits service. An edit that
 * cannot be made is refused whole, with the reason, and changes nothing.
 */
abstract class EditCommandSupport implements Action {

    @Reference
    protected DirectoryEdits edits;

    @Reference
    protected SyncService syncService;

    @Reference
    protected Directory directory;

    @Argument(index = 0, name = "school", description = "The school id.", required = true)
    @Completion(SchoolIdCompleter.class)
    protected String school;

    @Override
    public final Object execute() {
        if (syncService.school(school).isEmpty()) {
            System.err.println("No school '" + school + "' is configured (see school:list).");
            return null;
        }
        try {
            System.out.println(edit());
        } catch (IllegalArgumentException e) {
            System.err.println("Refused, nothing changed: " + e.getMessage());
        }
        return null;
    }

    /** Makes the edit and says what was done. */
    protected abstract String edit();
}
