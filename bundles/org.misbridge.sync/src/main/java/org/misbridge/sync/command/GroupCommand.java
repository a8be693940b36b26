package org.misbridge.sync.command;

import java.util.List;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.misbridge.api.Role;
import org.misbridge.shell.TrailingFlags;

/** Custom groups: create, rename, delete, and add or remove members; import leaves them alone. */
@Service
@Command(scope = "school", name = "group", description = "Edits a custom group: create, rename, delete, add or remove members. Import never touches custom groups.")
public final class GroupCommand extends EditCommandSupport {

    @Option(name = "--yes", description = "Confirms a delete.")
    private boolean yes;

    @Completion(value = StringsCompleter.class, values = {"create", "rename", "delete", "add", "remove"})
    @Argument(index = 1, name = "action", description = "create NAME | rename NAME | delete | add MEMBER... | remove MEMBER...", required = true)
    private String action;

    @Argument(index = 2, name = "group", description = "The custom group's id.", required = true)
    private String group;

    @Argument(index = 3, name = "values", description = "The name (create, rename) or member ids (add, remove).", multiValued = true)
    private List<String> values;

    /** --yes may also follow the member ids or the name, as any flag may follow the arguments. */
    @Override
    protected void finishParsing() throws CommandException {
        values = TrailingFlags.apply(this, values);
    }

    /** The action as it is carried out: "DELETE" and " delete" are a delete. */
    private String parsedAction() {
        return action.strip().toLowerCase(Locale.ROOT);
    }

    /** Deleting a custom group, or asking to, is an admin's; the other edits an operator's. */
    @Override
    protected Role role() {
        return "delete".equals(parsedAction()) ? Role.ADMIN : Role.OPERATOR;
    }

    @Override
    protected String request() {
        return "school:group … " + ("delete".equals(parsedAction()) ? "delete" : "create, rename, add or remove");
    }

    @Override
    protected String edit() {
        List<String> v = values;
        switch (parsedAction()) {
            case "create" -> {
                edits.createGroup(school, group, String.join(" ", v));
                return "Created custom group " + group + " in " + school + ".";
            }
            case "rename" -> {
                edits.renameGroup(school, group, String.join(" ", v));
                return "Renamed custom group " + group + " of " + school + ".";
            }
            case "delete" -> {
                if (!yes) {
                    return "This deletes custom group " + group + " of " + school + " and its memberships. Run again with --yes to confirm.";
                }
                edits.deleteGroup(school, group);
                return "Deleted custom group " + group + " of " + school + ".";
            }
            case "add" -> {
                requireMembers(v);
                edits.addToGroup(school, group, v);
                return "Added " + v.size() + " member(s) to " + group + " of " + school + ".";
            }
            case "remove" -> {
                requireMembers(v);
                edits.removeFromGroup(school, group, v);
                return "Removed " + v.size() + " member(s) from " + group + " of " + school + ".";
            }
            default -> throw new IllegalArgumentException("action '" + action + "' is not known; expected create, rename, delete, add or remove");
        }
    }

    private static void requireMembers(List<String> v) {
        if (v.isEmpty()) {
            throw new IllegalArgumentException("give one or more member ids after the group id");
        }
    }
}
