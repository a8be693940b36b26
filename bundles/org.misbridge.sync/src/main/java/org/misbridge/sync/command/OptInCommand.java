package org.misbridge.sync.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Opts a student or contact back in; the next sync restores their contacts or details. */
@Service
@Command(scope = "school", name = "optin", description = "Opts a student or contact back in; the next sync restores their contacts or details.")
public final class OptInCommand extends OptOutChangeSupport {

    @Override
    protected boolean optingOut() {
        return false;
    }
}
