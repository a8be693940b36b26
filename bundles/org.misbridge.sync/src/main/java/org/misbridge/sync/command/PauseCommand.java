package org.misbridge.sync.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Pauses a school's sync, or one part of it, until school:resume. */
@Service
@Command(scope = "school", name = "pause", description = "Pauses a school's sync until school:resume: all of it, or the part named after the school id (contacts, groups or meals), e.g. school:pause greenfield meals.")
public final class PauseCommand extends PauseChangeSupport {

    @Override
    protected boolean pausing() {
        return true;
    }
}
