package org.misbridge.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.support.CommandException;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Authorisation;
import org.misbridge.api.Role;

/**
 * A school:* command about one school, in the order every one of them runs: finish parsing, require
 * the role the parsed request needs (before anything is looked up), refuse a school the command has
 * nothing for, then do the work. Errors are thrown, so that they reach the caller and
 * {@code bin/client} exits non-zero.
 */
public abstract class SchoolAction implements Action {

    @Argument(index = 0, name = "school", description = "The school id.", required = true)
    @Completion(SchoolIdCompleter.class)
    protected String school;

    @Override
    public final @Nullable Object execute() throws Exception {
        finishParsing();
        Authorisation.require(role(), request());
        requireSchool();
        return perform();
    }

    /** Parses what Karaf's parser left to the command, such as flags after the arguments; nothing by default. */
    protected void finishParsing() throws CommandException {
    }

    /** The role this request needs, as parsed (every command states it: none is anyone's by default). */
    protected abstract Role role();

    /** The request as a person names it, for a refusal: the command's name unless its form matters. */
    protected String request() {
        return "school:" + getClass().getAnnotation(Command.class).name();
    }

    /** Refuses, with what to do, a school this command has nothing for (not running, no meal export…). */
    protected abstract void requireSchool() throws CommandException;

    /** Does the work for a school the command may act on. */
    protected abstract @Nullable Object perform() throws Exception;
}
