package org.misbridge.security.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Actors;
import org.misbridge.api.Authorisation;
import org.misbridge.api.Role;
import org.misbridge.security.internal.LoginGuard;

/** Lifts a lockout before it ends by itself: a user's (at one address or all), or a whole address's. */
@Service
@Command(scope = "school", name = "unlock",
        description = "Lifts the lockout of a user after failed logins (at every address, or the one --source names), or of a whole address (--source alone).")
public final class UnlockCommand implements Action {

    @Reference
    private LoginGuard guard;

    @Argument(index = 0, name = "user", description = "The user name as it was typed at the login.")
    private @Nullable String user;

    @Option(name = "--source", description = "The address the logins came from, as school:logins shows it.")
    private @Nullable String source;

    @Override
    public @Nullable Object execute() throws Exception {
        Authorisation.require(Role.ADMIN, "school:unlock");
        if (user == null && source == null) {
            throw new CommandException("Give the user, the address (--source), or both (see school:logins).");
        }
        int lifted = guard.unlock(user, source, Actors.current());
        System.out.println(lifted == 0 ? "Nothing was locked out; any failures counted are forgotten."
                : "Lifted " + lifted + " lockout(s); failures counted are forgotten.");
        return null;
    }
}
