package org.misbridge.sync.command;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Directory;
import org.misbridge.api.Role;
import org.misbridge.api.SyncService;
import org.misbridge.api.UnsafeCharacters;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Member;
import org.misbridge.shell.CommandJson;
import org.misbridge.shell.SchoolAction;

/** Shows one member as the directory holds them: state, linked adults with their details, groups. */
@Service
@Command(scope = "school", name = "member", description = "Shows one member: state, linked adults and their details (blocked ones flagged), groups, and who made each row.")
public final class MemberCommand extends SchoolAction {

    @Reference
    private Directory directory;

    @Reference
    private SyncService syncService;

    @Option(name = "--json", description = "Print JSON for scripts instead of text.")
    private boolean json;

    @Argument(index = 1, name = "member", description = "The member id.", required = true)
    private String memberId;

    @Override
    protected Role role() {
        return Role.VIEWER;
    }

    @Override
    protected void requireSchool() throws CommandException {
        RunningSchool.require(syncService, school);
    }

    @Override
    protected @Nullable Object perform() throws CommandException {
        DirectoryState state = directory.load(school);
        Member m = state.members().stream().filter(x -> x.id().equals(memberId)).findFirst().orElse(null);
        if (m == null) {
            throw new CommandException("No member '" + memberId + "' in school " + school + ".");
        }
        Map<String, LinkedPerson> people = new LinkedHashMap<>();
        state.people().forEach(p -> people.put(p.id(), p));
        List<Link> links = state.links().stream().filter(l -> l.memberId().equals(memberId))
                .sorted(Comparator.comparingInt(Link::priority)).toList();
        List<String> groups = state.memberships().stream().filter(g -> g.memberId().equals(memberId))
                .map(g -> g.groupId()).sorted().toList();
        // a member who is also a linked adult (a teacher who is a parent): the students they are linked to
        List<Link> adultOf = state.links().stream().filter(l -> l.personId().equals(memberId))
                .sorted(Comparator.comparing(Link::memberId)).toList();
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", m.id());
            out.put("kind", m.kind().name());
            out.put("name", m.givenName() + " " + m.familyName());
            out.put("state", m.state().name());
            out.put("leavingDate", m.leavingDate() == null ? null : m.leavingDate().toString());
            out.put("origin", m.origin().name());
            out.put("links", links.stream().map(l -> {
                Map<String, Object> row = new LinkedHashMap<>();
                LinkedPerson p = people.get(l.personId());
                row.put("person", l.personId());
                row.put("name", p == null ? null : p.givenName() + " " + p.familyName());
                row.put("priority", l.priority());
                row.put("prime", l.prime());
                row.put("relationship", l.relationship());
                row.put("origin", l.origin().name());
                row.put("details", detailsOf(state, l.personId()).stream().map(d -> Map.of("kind", d.kind().name(),
                        "value", d.value(), "blocked", d.blocked(), "origin", d.origin().name())).toList());
                return row;
            }).toList());
            out.put("groups", groups);
            out.put("adultOf", adultOf.stream().map(l -> Map.of("student", l.memberId(), "priority", l.priority(),
                    "prime", l.prime(), "relationship", String.valueOf(l.relationship()))).toList());
            System.out.println(CommandJson.write(out));
            return null;
        }
        System.out.println(UnsafeCharacters.escape(m.id() + ": " + m.givenName() + " " + m.familyName()) + ", " + m.kind().name().toLowerCase()
                + ", " + m.state().name().toLowerCase().replace('_', ' ')
                + (m.leavingDate() == null ? "" : ", leaving " + m.leavingDate()) + ", from " + m.origin().name().toLowerCase());
        ShellTable table = new ShellTable();
        table.column("Person");
        table.column("Name");
        table.column("Priority");
        table.column("Prime");
        table.column("Link from");
        table.column("Details");
        for (Link l : links) {
            LinkedPerson p = people.get(l.personId());
            table.addRow().addContent(UnsafeCharacters.printable(l.personId(), p == null ? "" : p.givenName() + " " + p.familyName(),
                    l.priority(), l.prime() ? "yes" : "no", l.origin().name().toLowerCase(),
                    String.join(", ", detailsOf(state, l.personId()).stream()
                            .map(d -> d.value() + (d.blocked() ? " (blocked)" : "")).toList())));
        }
        table.print(System.out);
        System.out.println("Groups: " + (groups.isEmpty() ? "none" : UnsafeCharacters.escape(String.join(", ", groups))));
        if (!adultOf.isEmpty()) {
            System.out.println("Linked adult of: " + UnsafeCharacters.escape(String.join(", ", adultOf.stream().map(l -> l.memberId()
                    + " (priority " + l.priority() + (l.prime() ? ", prime" : "") + ")").toList())));
        }
        return null;
    }

    private static List<ContactDetail> detailsOf(DirectoryState state, String owner) {
        return state.details().stream().filter(d -> d.ownerId().equals(owner)).toList();
    }
}
