package org.misbridge.sync.command;

import java.util.Set;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.misbridge.sync.internal.PauseSettings;
import org.osgi.service.cm.ConfigurationAdmin;

/** Resumes a paused school, or one paused part of it. */
@Service
@Command(scope = "school", name = "resume", description = "Resumes a school's sync, or one paused part of it (all resumes everything).")
public final class ResumeCommand extends SchoolCommandSupport {

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
        Set<String> paused = new PauseSettings(configAdmin).change(school, part, false);
        System.out.println("Resumed " + part + " for " + school + "; " + (paused.isEmpty() ? "nothing is paused." : "still paused: " + String.join(", ", paused) + "."));
        return null;
    }
}
