package org.misbridge.leavers.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.misbridge.api.Role;
import org.misbridge.api.UnsafeCharacters;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Member;
import org.misbridge.leavers.internal.LeaverFacts;
import org.misbridge.leavers.internal.SchoolLeavers.DeletionProgress;

/** A school's leavers: who, leaving when, what is still owed, and whether they are being deleted. */
@Service
@Command(scope = "school", name = "leavers",
        description = "Lists a school's leavers with leaving date, year, linked adults, warnings (open wallet balances, outstanding bookings) and 'deleting' while queued.")
public final class LeaversCommand extends LeaversCommandSupport {

    @Override
    protected boolean printsJson() {
        return true;
    }

    @Override
    protected Role role() {
        return Role.VIEWER;
    }

    @Override
    protected void run() throws Exception {
        DirectoryState state = directory.load(school);
        LeaverFacts facts = new LeaverFacts(state, wallets.wallets(school), wallets.bookings(school), today());
        Set<String> deleting = Set.copyOf(directory.deletionQueue(school));
        List<Map<String, Object>> rows = facts.leavers().stream().map(m -> row(m, facts, deleting)).toList();
        DeletionProgress progress = leavers.progress();
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("school", school);
            out.put("leavers", rows);
            out.put("queued", deleting.size());
            out.put("deletedSinceQueueStarted", progress.deleted());
            out.put("deleting", progress.running());
            out.put("lastError", progress.lastError());
            printJson(out);
            return;
        }
        ShellTable table = new ShellTable();
        for (String c : List.of("Member", "Name", "Kind", "Year", "Leaving date", "Adults", "Deleting")) {
            table.column(c);
        }
        table.column("Warnings");
        rows.forEach(r -> table.addRow().addContent(UnsafeCharacters.printable(r.get("member"), r.get("name"), r.get("kind"),
                r.get("year"), r.get("leavingDate"), r.get("linkedAdults"), (Boolean) r.get("deleting") ? "deleting" : "",
                warnings(r).size())));
        table.print(System.out);
        printWarnings(rows.stream().map(r -> Map.entry((String) r.get("member"), warnings(r))).toList());
        System.out.println(rows.size() + " leaver(s), " + deleting.size() + " queued for deletion"
                + (progress.running() ? " (deleting now: " + progress.deleted() + " done)" : "")
                + (progress.lastError() != null ? "; the queue is waiting: " + progress.lastError() : "") + ".");
    }

    @SuppressWarnings("unchecked")
    private static List<String> warnings(Map<String, Object> row) {
        return (List<String>) row.get("warnings");
    }

    private static Map<String, Object> row(Member m, LeaverFacts facts, Set<String> deleting) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("member", m.id());
        row.put("name", m.givenName() + " " + m.familyName());
        row.put("kind", m.kind().name());
        row.put("year", m.yearGroup());
        row.put("leavingDate", m.leavingDate() == null ? null : m.leavingDate().toString());
        row.put("linkedAdults", facts.linksOf(m.id()).size());
        row.put("deleting", deleting.contains(m.id()));
        row.put("warnings", facts.warnings(m));
        return row;
    }
}
