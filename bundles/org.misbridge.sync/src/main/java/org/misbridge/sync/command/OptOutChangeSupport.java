package org.misbridge.sync.command;

import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.misbridge.api.ContactPreferences;
import org.misbridge.api.Role;
import org.misbridge.api.directory.OptOut;

/** school:optout and school:optin: exactly one of --student or --contact, before the school id. */
abstract class OptOutChangeSupport extends SchoolCommandSupport {

    @Reference
    protected ContactPreferences preferences;

    @Option(name = "--student", description = "The MIS id of the student.")
    private String student;

    @Option(name = "--contact", description = "The MIS id of the contact.")
    private String contact;

    @Override
    protected final Role role() {
        return Role.OPERATOR;
    }

    /** True to opt out, false to opt back in. */
    protected abstract boolean optingOut();

    @Override
    protected final Object run() throws CommandException {
        if ((student == null) == (contact == null)) {
            throw new CommandException("Give exactly one of --student ID or --contact ID (before the school id).");
        }
        OptOut who = student != null ? new OptOut(OptOut.Kind.STUDENT, student) : new OptOut(OptOut.Kind.CONTACT, contact);
        String name = (who.kind() == OptOut.Kind.STUDENT ? "student " : "contact ") + who.id() + " of " + school;
        boolean changed = preferences.setOptOut(school, who, optingOut());
        if (!changed) {
            System.out.println((optingOut() ? "Already opted out: " : "Was not opted out: ") + name + ".");
        } else {
            System.out.println((optingOut() ? "Opted out " : "Opted in ") + name
                    + (optingOut() ? "; the next sync applies it." : "; the next sync restores them."));
        }
        return null;
    }
}
