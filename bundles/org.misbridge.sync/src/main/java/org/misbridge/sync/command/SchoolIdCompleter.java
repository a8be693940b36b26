package org.misbridge.sync.command;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.misbridge.api.SyncService;

/** Completes the ids of configured schools. */
@Service
public final class SchoolIdCompleter implements Completer {

    @Reference
    private SyncService syncService;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        syncService.schools().forEach(s -> ids.getStrings().add(s.id()));
        return ids.complete(session, commandLine, candidates);
    }
}
