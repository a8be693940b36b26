package org.misbridge.sync.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.misbridge.api.Authorisation;
import org.misbridge.api.DirectoryEdits;
import org.misbridge.api.Role;
import org.misbridge.api.SyncService;

/**
 * What every hand-edit command shares: the school argument and the edits service. An edit that
 * cannot be made is refused whole, with the reason, and changes nothing. Hand edits are an
 * operator's unless a command says otherwise for what it parsed.
 */
abstract class EditCommandSupport implements Action {

    @Reference
    protected DirectoryEdits edits;

    @Reference
    protected SyncService syncService;

    @Argument(index = 0, name = "school", description = "The school id.", required = true)
    @Completion(SchoolIdCompleter.class)
    protected String school;

    @Override
    public final Object execute() throws Exception {
        Authorisation.require(role(), request());
        if (syncService.school(school).isEmpty()) {
            throw new CommandException("No school '" + school + "' is configured (see school:list).");
        }
        try {
            System.out.println(edit());
        } catch (IllegalArgumentException e) {
            throw new CommandException("Refused, nothing changed: " + e.getMessage(), e);
        }
        return null;
    }

    /** The role this edit needs, as parsed: an operator's unless the command says otherwise. */
    protected Role role() {
        return Role.OPERATOR;
    }

    /** The request as a person names it, for a refusal. */
    protected String request() {
        return "school:" + getClass().getAnnotation(Command.class).name();
    }

    /** Makes the edit and says what was done. */
    protected abstract String edit();
}
