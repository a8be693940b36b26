package org.misbridge.sync.command;

import java.util.Set;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.misbridge.sync.internal.PauseSettings;
import org.osgi.service.cm.ConfigurationAdmin;

/** Pauses a school's sync, or one part of it, until school:resume. */
@Service
@Command(scope = "school", name = "pause", description = "Pauses a school's sync (all of it, or contacts, groups or meals) until school:resume.")
public final class PauseCommand extends SchoolCommandSupport {

    @Reference
    private ConfigurationAdmin configAdmin;

    // the part follows the school id: school:pause greenfield contacts
    private String part = "all";

    @Override
    protected boolean acceptTrailingFlag(String flag) {
        if (!PARTS.contains(flag)) {
            return false;
        }
        part = flag;
        return true;
    }

    @Override
    protected Object run() throws Exception {
        Set<String> paused = new PauseSettings(configAdmin).change(school, part, true);
        System.out.println("Paused " + part + " for " + school + "; paused now: " + String.join(", ", paused) + ".");
        return null;
    }
}
