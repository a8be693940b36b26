package org.misbridge.sync.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.misbridge.api.Actors;
import org.misbridge.api.ContactPreferences;
import org.misbridge.api.Role;

/** Unblocks a blocked email or mobile; import never does this on its own. */
@Service
@Command(scope = "school", name = "reenable", description = "Unblocks a blocked email or mobile and forgets its delivery feedback.")
public final class ReenableCommand extends SchoolCommandSupport {

    @Reference
    private ContactPreferences preferences;

    @Option(name = "--detail", description = "The email address or mobile number.", required = true)
    private String detail;

    @Override
    protected Role role() {
        return Role.OPERATOR;
    }

    @Override
    protected Object run() {
        String value = DetailArgument.normalise(detail);
        int unblocked = preferences.reenable(school, DetailArgument.kindOf(value), value, Actors.current());
        System.out.println(unblocked > 0 ? "Re-enabled " + value + " (" + unblocked + " detail(s)) of " + school + "."
                : value + " was not blocked in " + school + ".");
        return null;
    }
}
