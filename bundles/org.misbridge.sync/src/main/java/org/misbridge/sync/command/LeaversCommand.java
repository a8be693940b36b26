package org.misbridge.sync.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Member;
import org.misbridge.api.model.EnrolmentState;

/** A school's leavers: who, leaving when, and whether they are queued for deletion. */
@Service
@Command(scope = "school", name = "leavers", description = "Lists a school's leavers with leaving date, year, linked adults, and 'deleting' while queued for deletion.")
public final class LeaversCommand extends SchoolCommandSupport {

    @Override
    protected Object run() {
        DirectoryState state = directory.load(school);
        Set<String> deleting = Set.copyOf(directory.deletionQueue(school));
        List<Member> leavers = state.members().stream().filter(m -> m.state() == EnrolmentState.LEAVER)
                .sorted(java.util.Comparator.comparing(Member::id)).toList();
        List<Map<String, Object>> rows = leavers.stream().map(m -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("member", m.id());
            row.put("name", m.givenName() + " " + m.familyName());
            row.put("kind", m.kind().name());
            row.put("year", m.yearGroup());
            row.put("leavingDate", m.leavingDate() == null ? null : m.leavingDate().toString());
            row.put("linkedAdults", state.links().stream().filter(l -> l.memberId().equals(m.id())).count());
            row.put("deleting", deleting.contains(m.id()));
            return row;
        }).toList();
        if (json) {
            System.out.println(Json.write(rows));
            return null;
        }
        ShellTable table = new ShellTable();
        for (String c : List.of("Member", "Name", "Kind", "Year", "Leaving date", "Adults", "Deleting")) {
            table.column(c);
        }
        rows.forEach(r -> table.addRow().addContent(r.get("member"), r.get("name"), r.get("kind"), r.get("year"),
                r.get("leavingDate"), r.get("linkedAdults"), (Boolean) r.get("deleting") ? "deleting" : ""));
        table.print(System.out);
        System.out.println(rows.size() + " leaver(s), " + deleting.size() + " queued for deletion.");
        return null;
    }
}
