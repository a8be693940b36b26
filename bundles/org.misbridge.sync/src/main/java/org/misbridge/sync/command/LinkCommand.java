package org.misbridge.sync.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.misbridge.api.DirectoryEdits.Adult;
import org.misbridge.api.WholeNumbers;
import org.misbridge.api.directory.Origin;

/** Links an adult to a member by hand; import never removes or rewrites the link. */
@Service
@Command(scope = "school", name = "link", description = "Links an adult to a member by hand (at most four adults per student); import never removes or rewrites it.")
public final class LinkCommand extends EditCommandSupport {

    @Option(name = "--priority", description = "Contact priority, 1 first (default 1), in the digits 0-9.")
    private String priority = "1";

    @Option(name = "--prime", description = "Make the adult a prime parent.")
    private boolean prime;

    @Option(name = "--relationship", description = "For example Mother, Coach.")
    private String relationship;

    @Option(name = "--email", description = "The adult's email address.")
    private String email;

    @Option(name = "--mobile", description = "The adult's mobile number.")
    private String mobile;

    @Argument(index = 1, name = "member", description = "The member to link to.", required = true)
    private String member;

    @Argument(index = 2, name = "person", description = "The adult's id; an existing person is reused.", required = true)
    private String person;

    @Argument(index = 3, name = "given", description = "Given name (for a new person).")
    private String given;

    @Argument(index = 4, name = "family", description = "Family name (for a new person).")
    private String family;

    @Override
    protected String edit() {
        int rank = WholeNumbers.parse(priority, "--priority");
        edits.link(school, member, new Adult(person, given, family, relationship, email, mobile), rank, prime, Origin.MANUAL);
        return "Linked " + person + " to " + member + " of " + school + " (priority " + rank + (prime ? ", prime" : "") + ").";
    }
}
