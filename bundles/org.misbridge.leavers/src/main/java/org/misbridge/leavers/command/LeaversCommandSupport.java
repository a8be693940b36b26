package org.misbridge.leavers.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Actors;
import org.misbridge.api.Authorisation;
import org.misbridge.api.Role;
import org.misbridge.api.lifecycle.LeaverLifecycle;
import org.misbridge.api.json.SafeJson;

/**
 * What the leaver commands share: the school argument (of a school with a leavers configuration),
 * flags and values typed after it, --json, and the {@link LeaverLifecycle} that holds the rules
 * (and audits): a command parses, calls it, and prints.
 */
abstract class LeaversCommandSupport implements Action {

    private static final ObjectMapper JSON = new ObjectMapper(SafeJson.factory()).enable(SerializationFeature.INDENT_OUTPUT);

    @Reference
    protected LeaverLifecycle lifecycle;

    @Argument(index = 0, name = "school", description = "The school id.", required = true)
    @Completion(LeaversSchoolCompleter.class)
    protected String school;

    @Option(name = "--json", description = "Print JSON for scripts instead of text.")
    protected boolean json;

    @Option(name = "--yes", description = "Confirms a change that cannot be undone; without it the command only shows what it would do.")
    protected boolean yes;

    // Karaf reads options only before arguments; operators also type flags after the school id
    @Argument(index = 1, name = "more", description = "The command's further arguments, and flags such as --json or --yes.", multiValued = true)
    private @Nullable List<String> trailing;

    /** The values typed after the school id that are not flags. */
    protected final List<String> args = new ArrayList<>();

    @Override
    public final @Nullable Object execute() throws Exception {
        for (String t : trailing == null ? List.<String>of() : trailing) {
            if ("--json".equals(t)) {
                json = true;
            } else if ("--yes".equals(t)) {
                yes = true;
            } else if (t.startsWith("--") && !acceptFlag(t)) {
                throw new CommandException("Unexpected option '" + t + "': options that take a value go before the school id (see --help).");
            } else if (!t.startsWith("--")) {
                args.add(t);
            }
        }
        // decided on what was parsed (--yes however it was typed, a value after the school id), before anything is looked up
        Authorisation.require(role(), request());
        if (json && !printsJson()) {
            throw new CommandException("This command has no --json output; it prints what it did as text.");
        }
        if (!lifecycle.schools().contains(school)) {
            throw new CommandException("School '" + school + "' has no leaver lifecycle configured (etc/org.misbridge.leavers-"
                    + school + ".cfg with school.id=" + school + ").");
        }
        try {
            run();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CommandException("Refused, nothing changed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CommandException("Could not write the file, nothing changed: " + e.getMessage(), e);
        }
        return null;
    }

    /** The role this request needs, as parsed (every command states it: none is anyone's by default). */
    protected abstract Role role();

    /** The request as a person names it, for a refusal. */
    protected String request() {
        return "school:" + getClass().getAnnotation(Command.class).name() + (yes ? " --yes" : "");
    }

    /** Whether the command answers --json (the read commands do). */
    protected boolean printsJson() {
        return false;
    }

    /** Takes a boolean flag typed after the school id; false when the command has no such flag. */
    protected boolean acceptFlag(String flag) {
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

    protected static void printJson(Object value) throws Exception {
        System.out.println(JSON.writeValueAsString(value));
    }
}
