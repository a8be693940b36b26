package org.misbridge.meals.command;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.misbridge.meals.internal.MealsExport;

/** Completes the ids of schools that have a meal export. */
@Service
public final class MealsSchoolCompleter implements Completer {

    @Reference
    private List<MealsExport> exports;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        exports.forEach(e -> ids.getStrings().add(e.schoolId()));
        return ids.complete(session, commandLine, candidates);
    }
}
