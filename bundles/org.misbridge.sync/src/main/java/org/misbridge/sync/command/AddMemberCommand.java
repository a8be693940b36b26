package org.misbridge.sync.command;

import java.util.Locale;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.misbridge.api.directory.MemberKind;

/** Adds a member who is not in the MIS, such as a coach or a governor; import leaves them alone. */
@Service
@Command(scope = "school", name = "add-member", description = "Adds a member who is not in the MIS (a coach, a governor); import never changes or removes them.")
public final class AddMemberCommand extends EditCommandSupport {

    @Option(name = "--kind", description = "other (default) or staff.")
    private String kind = "other";

    @Argument(index = 1, name = "member", description = "An id for the member, unique in the school.", required = true)
    private String member;

    @Argument(index = 2, name = "given", description = "Given name.", required = true)
    private String given;

    @Argument(index = 3, name = "family", description = "Family name.", required = true)
    private String family;

    @Override
    protected String edit() {
        MemberKind k = switch (kind.toLowerCase(Locale.ROOT)) {
            case "other" -> MemberKind.OTHER;
            case "staff" -> MemberKind.STAFF;
            default -> throw new IllegalArgumentException("--kind '" + kind + "' is not known; expected other or staff");
        };
        edits.addMember(school, member, k, given, family);
        return "Added " + k.name().toLowerCase(Locale.ROOT) + " member " + member + " (" + given + " " + family + ") to " + school + ".";
    }
}
