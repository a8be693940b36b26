package org.misbridge.shell;

import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.support.CommandException;
import org.jspecify.annotations.Nullable;

/**
 * A school command whose further words are values and flags, in any order after the school id:
 * {@code school:status demo --json}, {@code school:retention demo 31 --json}. Flags may come before
 * the school id or after it ({@link TrailingFlags}); a value the command does not take is refused.
 */
public abstract class SchoolCommand extends SchoolAction {

    @Option(name = "--json", description = "Print JSON for scripts instead of text.")
    protected boolean json;

    @Argument(index = 1, name = "more", description = "What the command takes after the school id, if anything (see DESCRIPTION),"
            + " and its flags (see OPTIONS), which may also be typed here.", multiValued = true)
    private @Nullable List<String> more;

    @Override
    protected final void finishParsing() throws CommandException {
        for (String value : TrailingFlags.apply(this, more)) {
            if (!acceptValue(value)) {
                throw TrailingFlags.unexpected(value);
            }
        }
    }

    /** Takes a value typed after the school id; false, and so refused, when the command takes none. */
    protected boolean acceptValue(String value) {
        return false;
    }
}
