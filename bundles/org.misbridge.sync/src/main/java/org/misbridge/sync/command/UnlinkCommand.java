package org.misbridge.sync.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Removes a link made by hand or on the web. */
@Service
@Command(scope = "school", name = "unlink", description = "Removes a link made by hand or by web registration; links from the MIS change in the MIS.")
public final class UnlinkCommand extends EditCommandSupport {

    @Argument(index = 1, name = "member", description = "The member.", required = true)
    private String member;

    @Argument(index = 2, name = "person", description = "The linked adult's id.", required = true)
    private String person;

    @Override
    protected String edit() {
        edits.unlink(school, member, person);
        return "Unlinked " + person + " from " + member + " of " + school + ".";
    }
}
