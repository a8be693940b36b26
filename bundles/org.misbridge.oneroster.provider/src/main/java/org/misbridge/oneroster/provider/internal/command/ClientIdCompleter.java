package org.misbridge.oneroster.provider.internal.command;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.misbridge.oneroster.provider.internal.auth.Clients;
import org.misbridge.oneroster.provider.internal.auth.RosterClient;

/** Completes the ids of the configured OneRoster clients. */
@Service
public final class ClientIdCompleter implements Completer {

    @Reference
    private Clients clients;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        clients.all().stream().map(RosterClient::id).forEach(ids.getStrings()::add);
        return ids.complete(session, commandLine, candidates);
    }
}
