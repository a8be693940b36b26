package org.misbridge.sync.command;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.SyncService;
import org.misbridge.shell.SchoolCommand;

/** A sync command about one running school, with the sync service. */
abstract class SchoolCommandSupport extends SchoolCommand {

    @Reference
    protected SyncService syncService;

    @Override
    protected final void requireSchool() throws CommandException {
        RunningSchool.require(syncService, school);
    }

    @Override
    protected final @Nullable Object perform() throws Exception {
        return run();
    }

    /** Runs the command for a running school. */
    protected abstract @Nullable Object run() throws Exception;
}
