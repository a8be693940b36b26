package org.misbridge.meals.command;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;
import org.jspecify.annotations.Nullable;
import org.misbridge.meals.internal.MealsExport;
import org.misbridge.shell.CommandJson;
import org.misbridge.shell.SchoolCommand;

/** The meal-export commands: a school with a meal export, its state printed after the command's work. */
abstract class MealsCommandSupport extends SchoolCommand {

    @Reference
    protected List<MealsExport> exports;

    private @Nullable MealsExport export;

    @Override
    protected final void requireSchool() throws CommandException {
        export = exports.stream().filter(e -> e.schoolId().equals(school)).findFirst().orElse(null);
        if (export == null) {
            throw new CommandException("School '" + school + "' has no meal export (etc/org.misbridge.meals-" + school + ".cfg).");
        }
    }

    @Override
    protected final @Nullable Object perform() throws CommandException {
        MealsExport export = Objects.requireNonNull(this.export);
        MealsExport.Status before = export.status();
        MealsExport.Status status = run(export);
        print(export, status);
        Optional<String> failed = failure(before, status);
        if (failed.isPresent()) {
            throw new CommandException(failed.get());
        }
        return null;
    }

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
            System.out.println(CommandJson.write(out));
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
