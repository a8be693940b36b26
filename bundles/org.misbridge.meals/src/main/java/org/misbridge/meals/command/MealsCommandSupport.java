package org.misbridge.meals.command;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Authorisation;
import org.misbridge.api.Role;
import org.misbridge.meals.internal.MealsExport;

/** The school argument and output of the meal-export commands. */
abstract class MealsCommandSupport implements Action {

    @Reference
    protected List<MealsExport> exports;

    @Argument(index = 0, name = "school", description = "The school id.", required = true)
    @Completion(MealsSchoolCompleter.class)
    protected String school;

    @Option(name = "--json", description = "Print JSON for scripts instead of text.")
    protected boolean json;

    // as with the other school:* commands, --json may also follow the school id
    @Argument(index = 1, name = "more", description = "--json", multiValued = true)
    private @Nullable List<String> trailing;

    @Override
    public final Object execute() throws CommandException {
        for (String t : trailing == null ? List.<String>of() : trailing) {
            if (!"--json".equals(t)) {
                throw new CommandException("Unexpected argument '" + t + "' (see --help).");
            }
            json = true;
        }
        Authorisation.require(role(), "school:" + getClass().getAnnotation(Command.class).name());
        MealsExport export = exports.stream().filter(e -> e.schoolId().equals(school)).findFirst().orElse(null);
        if (export == null) {
            throw new CommandException("School '" + school + "' has no meal export (etc/org.misbridge.meals-" + school + ".cfg).");
        }
        MealsExport.Status before = export.status();
        MealsExport.Status status = run(export);
        print(export, status);
        Optional<String> failed = failure(before, status);
        if (failed.isPresent()) {
            throw new CommandException(failed.get());
        }
        return null;
    }

    /** The role the command needs. */
    protected abstract Role role();

    protected abstract MealsExport.Status run(MealsExport export);

    /** What went wrong in this run, shown after the status and ending the command in an error; empty when nothing did. */
    protected Optional<String> failure(MealsExport.Status before, MealsExport.Status after) {
        return Optional.empty();
    }

    private void print(MealsExport export, MealsExport.Status s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("school", export.schoolId());
        out.put("target", export.target());
        out.put("closeLeavers", export.closeLeavers());
        out.put("paused", s.paused());
        out.put("pending", s.pending());
        out.put("lastPushAt", text(s.lastPushAt()));
        out.put("lastPushCount", s.lastPushCount());
        out.put("lastErrorAt", text(s.lastErrorAt()));
        out.put("lastError", s.lastError());
        out.put("nextAttempt", text(s.nextAttempt()));
        if (json) {
            System.out.println(MealsJson.write(out));
            return;
        }
        ShellTable table = new ShellTable();
        table.column("Item");
        table.column("Value").maxSize(100);
        out.forEach((k, v) -> table.addRow().addContent(k, v == null ? "-" : v));
        table.print(System.out);
    }

    private static @Nullable String text(@Nullable Instant t) {
        return t == null ? null : t.toString();
    }
}
