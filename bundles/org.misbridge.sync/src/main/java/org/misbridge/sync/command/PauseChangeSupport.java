package org.misbridge.sync.command;

import java.util.Set;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.misbridge.api.Role;
import org.misbridge.sync.internal.PauseSettings;
import org.misbridge.sync.plan.Pause;
import org.osgi.service.cm.ConfigurationAdmin;

/** school:pause and school:resume: the part (all, contacts, groups, meals) follows the school id. */
abstract class PauseChangeSupport extends SchoolCommandSupport {

    @Reference
    private ConfigurationAdmin configAdmin;

    private String part = "all";

    @Override
    protected final Role role() {
        return Role.OPERATOR;
    }

    /** True to pause, false to resume. */
    protected abstract boolean pausing();

    @Override
    protected final boolean acceptValue(String value) {
        if (!Pause.isKnown(value)) {
            return false;
        }
        part = value;
        return true;
    }

    @Override
    protected final Object run() throws Exception {
        Set<String> paused = new PauseSettings(configAdmin).change(school, part, pausing());
        String now = paused.isEmpty() ? "nothing is paused." : "paused now: " + String.join(", ", paused) + ".";
        System.out.println((pausing() ? "Paused " : "Resumed ") + part + " for " + school + "; " + now);
        return null;
    }
}
