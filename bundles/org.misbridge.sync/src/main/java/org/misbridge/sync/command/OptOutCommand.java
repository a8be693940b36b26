package org.misbridge.sync.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Opts a student (whose contacts are then never imported) or a contact (who keeps no details) out. */
@Service
@Command(scope = "school", name = "optout",
        description = "Opts a student out (their contacts are not imported) or a contact out (they keep no details), from the next sync.")
public final class OptOutCommand extends OptOutChangeSupport {

    @Override
    protected boolean optingOut() {
        return true;
    }
}
