package org.misbridge.shell;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.misbridge.api.SyncService;

/**
 * Completes the ids of the running schools, for every school:* command. This bundle's Karaf-Commands
 * header registers it in the shell's registry, which every session looks a {@code @Completion} class up
 * in, so commands of other bundles name this class and need no completer of their own.
 */
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
