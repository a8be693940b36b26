package org.misbridge.sync.command;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.DirectoryEdits;
import org.misbridge.api.Role;
import org.misbridge.api.SyncService;
import org.misbridge.shell.SchoolAction;

/**
 * What every hand-edit command shares: the edits service, and its own arguments after the school
 * id. An edit that cannot be made is refused whole, with the reason, and changes nothing. Hand edits
 * are an operator's unless a command says otherwise for what it parsed.
 */
abstract class EditCommandSupport extends SchoolAction {

    @Reference
    protected DirectoryEdits edits;

    @Reference
    protected SyncService syncService;

    @Override
    protected Role role() {
        return Role.OPERATOR;
    }

    @Override
    protected final void requireSchool() throws CommandException {
        RunningSchool.require(syncService, school);
    }

    @Override
    protected final @Nullable Object perform() throws CommandException {
        try {
            System.out.println(edit());
        } catch (IllegalArgumentException e) {
            throw new CommandException("Refused, nothing changed: " + e.getMessage(), e);
        }
        return null;
    }

    /** Makes the edit and says what was done. */
    protected abstract String edit();
}
