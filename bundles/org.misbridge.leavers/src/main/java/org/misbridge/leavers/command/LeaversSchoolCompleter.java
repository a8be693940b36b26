package org.misbridge.leavers.command;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.misbridge.api.lifecycle.LeaverLifecycle;

/** Completes the ids of schools with a leaver lifecycle configured. */
@Service
public final class LeaversSchoolCompleter implements Completer {

    @Reference
    private LeaverLifecycle lifecycle;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        ids.getStrings().addAll(lifecycle.schools());
        return ids.complete(session, commandLine, candidates);
    }
}
