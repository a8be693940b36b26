package org.misbridge.sync.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.misbridge.api.Directory;
import org.misbridge.api.directory.OptOut;

/** Opts a student or contact back in; the next sync restores their contacts or details. */
@Service
@Command(scope = "school", name = "optin", description = "Opts a student or contact back in; the next sync restores their contacts or details.")
public final class OptInCommand extends SchoolCommandSupport {

    @Reference
    private Directory directory;

    @Option(name = "--student", description = "The MIS id of the student to opt back in.")
    private String student;

    @Option(name = "--contact", description = "The MIS id of the contact to opt back in.")
    private String contact;

    @Override
    protected Object run() {
        OptOut who = OptOutTarget.of(student, contact);
        if (who == null) {
            return null;
        }
        boolean changed = directory.setOptOut(school, who, false);
        System.out.println((changed ? "Opted in " : "Was not opted out: ") + OptOutTarget.describe(who)
                + " of " + school + (changed ? "; the next sync restores them." : "."));
        return null;
    }
}
