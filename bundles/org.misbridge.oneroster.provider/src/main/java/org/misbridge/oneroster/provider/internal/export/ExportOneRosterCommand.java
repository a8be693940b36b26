package org.misbridge.oneroster.provider.internal.export;

import java.io.IOException;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Actors;
import org.misbridge.api.Role;
import org.misbridge.api.UnsafeCharacters;
import org.misbridge.shell.SchoolAction;

/**
 * {@code school:export-oneroster <school> <file.zip>}: the school's directory as a OneRoster 1.2 bulk
 * CSV set, written as a new zip into the export folder. Personal data leaves the host, as with
 * {@code school:report}, so it is an operator's, and each file written is in the school's audit trail.
 */
@Service
@Command(scope = "school", name = "export-oneroster",
        description = "Writes the school's directory as a OneRoster 1.2 bulk CSV set (manifest, orgs, academicSessions, courses, classes, users, roles, enrollments) to a new zip in the export folder: school:export-oneroster <school> <name.zip>.")
public final class ExportOneRosterCommand extends SchoolAction {

    @Argument(index = 1, name = "file", description = "A new file name in the export folder (.zip is added when missing); a name, never a path.",
            required = true)
    String file;

    @Reference
    OneRosterExport export;

    @Reference
    Session session;

    @Override
    protected Role role() {
        return Role.OPERATOR;
    }

    @Override
    protected void requireSchool() throws CommandException {
        if (!export.hasSchool(school)) {
            throw new CommandException("No school '" + UnsafeCharacters.escape(school) + "' is configured (see school:list).");
        }
    }

    @Override
    protected @Nullable Object perform() throws Exception {
        OneRosterExport.Written written;
        try {
            written = export.export(school, file, Actors.current());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CommandException("Refused, nothing written: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CommandException("Could not write the file, nothing written: " + e.getMessage(), e);
        }
        Map<String, Integer> rows = written.counts().rows();
        session.getConsole().println("Wrote the OneRoster 1.2 bulk CSV set of " + UnsafeCharacters.escape(school) + " to " + written.file() + ": "
                + rows.get("users.csv") + " user(s), " + rows.get("classes.csv") + " class(es), "
                + rows.get("enrollments.csv") + " enrolment(s).");
        return null;
    }
}
