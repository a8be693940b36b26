package org.misbridge.sync.command;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Authorisation;
import org.misbridge.api.Role;
import org.misbridge.api.SchoolHealth;
import org.misbridge.api.SyncService;
import org.misbridge.api.UnsafeCharacters;

/**
 * What every command about one school shares: the school argument, --json, the sync service, the role the parsed request needs (checked before anything is looked up), and errors
 * thrown so that they reach the caller and {@code bin/client} exits non-zero.
 */
abstract class SchoolCommandSupport implements Action {

    @Reference
    protected SyncService syncService;

    @Argument(index = 0, name = "school", description = "The school id.", required = true)
    @Completion(SchoolIdCompleter.class)
    protected String school;

    @Option(name = "--json", description = "Print JSON for scripts instead of text.")
    protected boolean json;

    // Karaf reads options only before arguments; operators also type "school:status demo --json".
    @Argument(index = 1, name = "more", description = "This command's flags (see OPTIONS), which may also follow the school id.", multiValued = true)
    private @Nullable List<String> trailing;

    @Override
    public final Object execute() throws Exception {
        if (trailing != null) {
            for (String t : trailing) {
                if ("--json".equals(t)) {
                    json = true;
                } else if (!acceptTrailingFlag(t)) {
                    throw new CommandException("Unexpected argument '" + t + "': options that take a value go before the school id (see --help).");
                }
            }
        }
        Authorisation.require(role(), request());
        if (syncService.school(school).isEmpty()) {
            // a school with files whose components are refused or not up yet is in health with its cause
            for (SchoolHealth h : syncService.health()) {
                if (h.schoolId().equals(school)) {
                    throw new CommandException("School '" + UnsafeCharacters.escape(school) + "' is not running: "
                            + h.state() + (h.cause() == null ? "" : " (" + UnsafeCharacters.escape(h.cause()) + ")")
                            + "; it starts once its files are accepted (see school:health).");
                }
            }
            throw new CommandException("No school '" + UnsafeCharacters.escape(school) + "' is configured (see school:list).");
        }
        return run();
    }

    /** Takes a flag typed after the school id; false when the command has no such flag. */
    protected boolean acceptTrailingFlag(String flag) {
        return false;
    }

    /** The role this request needs, as parsed (every command states it: none is anyone's by default). */
    protected abstract Role role();

    /** The request as a person names it, for a refusal: the command's name unless its form matters. */
    protected String request() {
        return "school:" + getClass().getAnnotation(Command.class).name();
    }

    /** Runs the command for a configured school. */
    protected abstract @Nullable Object run() throws Exception;
}
