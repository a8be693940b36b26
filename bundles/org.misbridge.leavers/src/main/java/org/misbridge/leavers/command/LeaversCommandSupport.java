package org.misbridge.leavers.command;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Actors;
import org.misbridge.api.lifecycle.LeaverLifecycle;
import org.misbridge.shell.CommandJson;
import org.misbridge.shell.SchoolCommand;

/**
 * What the leaver commands share: a school with a leavers configuration, --yes, the values typed
 * after the school id, and the {@link LeaverLifecycle} that holds the rules (and audits): a command
 * parses, calls it, and prints.
 */
abstract class LeaversCommandSupport extends SchoolCommand {

    @Reference
    protected LeaverLifecycle lifecycle;

    @Option(name = "--yes", description = "Confirms a change that cannot be undone; without it the command only shows what it would do.")
    protected boolean yes;

    /** The values typed after the school id that are not flags. */
    protected final List<String> args = new ArrayList<>();

    @Override
    protected final boolean acceptValue(String value) {
        return args.add(value);
    }

    @Override
    protected final void requireSchool() throws CommandException {
        if (json && !printsJson()) {
            throw new CommandException("This command has no --json output; it prints what it did as text.");
        }
        if (!lifecycle.schools().contains(school)) {
            throw new CommandException("School '" + school + "' has no leaver lifecycle configured (etc/org.misbridge.leavers-"
                    + school + ".cfg with school.id=" + school + ").");
        }
    }

    @Override
    protected final @Nullable Object perform() throws Exception {
        try {
            run();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CommandException("Refused, nothing changed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CommandException("Could not write the file, nothing changed: " + e.getMessage(), e);
        }
        return null;
    }

    /** The request as a person names it, for a refusal. */
    @Override
    protected String request() {
        return "school:" + getClass().getAnnotation(Command.class).name() + (yes ? " --yes" : "");
    }

    /** Whether the command answers --json (the read commands do). */
    protected boolean printsJson() {
        return false;
    }

    protected abstract void run() throws Exception;

    /** The {@code index}th value after the school id, or a clear refusal naming it. */
    protected String arg(int index, String name) {
        if (args.size() <= index) {
            throw new IllegalArgumentException("give the " + name + " after the school id (see --help)");
        }
        return args.get(index);
    }

    protected static LocalDate date(String text, String what) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a date like 2026-07-24");
        }
    }

    protected static String actor() {
        return Actors.current();
    }

    /** Each member's warnings in full, below a table that only counts them. */
    protected static void printWarnings(List<Map.Entry<String, List<String>>> warnings) {
        warnings.stream().filter(w -> !w.getValue().isEmpty())
                .forEach(w -> System.out.println("  " + w.getKey() + ": " + String.join("; ", w.getValue())));
    }

    protected static void printJson(Object value) {
        System.out.println(CommandJson.write(value));
    }
}
