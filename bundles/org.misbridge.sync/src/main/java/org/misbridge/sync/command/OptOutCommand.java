package org.misbridge.sync.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.misbridge.api.Directory;
import org.misbridge.api.directory.OptOut;

/** Opts a student (whose contacts are then never imported) or a contact (who keeps no details) out. */
@Service
@Command(scope = "school", name = "optout",
        description = "Opts a student out (their contacts are not imported) or a contact out (they keep no details), from the next sync.")
public final class OptOutCommand extends SchoolCommandSupport {

    @Reference
    private Directory directory;

    @Option(name = "--student", description = "The MIS id of the student to opt out.")
    private String student;

    @Option(name = "--contact", description = "The MIS id of the contact to opt out.")
    private String contact;

    @Override
    protected Object run() {
        OptOut who = OptOutTarget.of(student, contact);
        if (who == null) {
            return null;
        }
        boolean changed = directory.setOptOut(school, who, true);
        System.out.println((changed ? "Opted out " : "Already opted out: ") + OptOutTarget.describe(who)
                + " of " + school + "; the next sync applies it.");
        return null;
    }
}
