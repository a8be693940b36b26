package org.misbridge.sync.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.misbridge.api.Role;

/** Removes a hand-added member; asks for --yes first and leaves an audit record. */
@Service
@Command(scope = "school", name = "remove-member", description = "Removes a member added by hand, with their hand-made links; members from the MIS leave through the MIS.")
public final class RemoveMemberCommand extends EditCommandSupport {

    @Option(name = "--yes", description = "Confirms the removal.")
    private boolean yes;

    @Argument(index = 1, name = "member", description = "The hand-added member's id.", required = true)
    private String member;

    /** Asking to remove, with or without --yes, is an admin's. */
    @Override
    protected Role role() {
        return Role.ADMIN;
    }

    @Override
    protected String edit() {
        if (!yes) {
            return "This removes member " + member + " of " + school + " with their hand-made links, people and group places."
                    + " Run again with --yes to confirm.";
        }
        edits.removeMember(school, member);
        return "Removed member " + member + " of " + school + ".";
    }
}
