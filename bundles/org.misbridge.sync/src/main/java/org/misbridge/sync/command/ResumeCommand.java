package org.misbridge.sync.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Resumes a paused school, or one paused part of it. */
@Service
@Command(scope = "school", name = "resume", description = "Resumes a school's sync, or the paused part named after the school id (contacts, groups or meals; all, the default, resumes everything).")
public final class ResumeCommand extends PauseChangeSupport {

    @Override
    protected boolean pausing() {
        return false;
    }
}
