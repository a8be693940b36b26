package org.misbridge.leavers.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.misbridge.api.Role;
import org.misbridge.api.UnsafeCharacters;
import org.misbridge.api.lifecycle.LeaverLifecycle.DeletionProgress;
import org.misbridge.api.lifecycle.LeaverLifecycle.LeaverRow;
import org.misbridge.api.lifecycle.LeaverLifecycle.LeaversOverview;

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
        LeaversOverview overview = lifecycle.leavers(school);
        List<Map<String, Object>> rows = overview.leavers().stream().map(LeaversCommand::row).toList();
        DeletionProgress progress = overview.progress();
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("school", school);
            out.put("leavers", rows);
            out.put("queued", progress.queued());
            out.put("deletedSinceQueueStarted", progress.deleted());
            out.put("deleting", progress.running());
            out.put("lastError", progress.lastError());
            printJson(out);
            return;
        }
        ShellTable table = new ShellTable();
        for (String c : List.of("Member", "Name", "Kind", "Year", "Leaving date", "Adults", "Deleting", "Warnings")) {
            table.column(c);
        }
        rows.forEach(r -> table.addRow().addContent(UnsafeCharacters.printable(r.get("member"), r.get("name"), r.get("kind"),
                r.get("year"), r.get("leavingDate"), r.get("linkedAdults"), (Boolean) r.get("deleting") ? "deleting" : "",
                ((List<?>) r.get("warnings")).size())));
        table.print(System.out);
        printWarnings(overview.leavers().stream().map(r -> Map.entry(r.member().id(), r.warnings())).toList());
        System.out.println(rows.size() + " leaver(s), " + progress.queued() + " queued for deletion"
                + (progress.running() ? " (deleting now: " + progress.deleted() + " done)" : "")
                + (progress.lastError() != null ? "; the queue is waiting: " + progress.lastError() : "") + ".");
    }

    private static Map<String, Object> row(LeaverRow r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("member", r.member().id());
        row.put("name", r.member().givenName() + " " + r.member().familyName());
        row.put("kind", r.member().kind().name());
        row.put("year", r.member().yearGroup());
        row.put("leavingDate", r.member().leavingDate() == null ? null : r.member().leavingDate().toString());
        row.put("linkedAdults", r.linkedAdults());
        row.put("deleting", r.deleting());
        row.put("warnings", r.warnings());
        return row;
    }
}
