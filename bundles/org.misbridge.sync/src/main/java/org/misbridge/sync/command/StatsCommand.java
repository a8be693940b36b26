package org.misbridge.sync.command;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.misbridge.api.Directory;
import org.misbridge.api.Role;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.shell.CommandJson;
import org.misbridge.sync.internal.SchoolStatistics;

/** The management dashboard for one school: who can be reached, and what stands in the way. */
@Service
@Command(scope = "school", name = "stats",
        description = "Shows how many students a school can reach through a prime parent by email and by mobile, blocked details, data issues by kind and the last sync.")
public final class StatsCommand extends SchoolCommandSupport {

    @Reference
    private Directory directory;

    @Override
    protected Role role() {
        return Role.VIEWER;
    }

    @Override
    protected Object run() {
        SchoolStatistics s = SchoolStatistics.of(directory.load(school));
        SyncRun last = directory.lastRun(school).orElse(null);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("school", school);
        out.put("studentsOnRoll", s.studentsOnRoll());
        out.put("reachableByEmail", s.reachableByEmail());
        out.put("reachableByMobile", s.reachableByMobile());
        out.put("blockedDetails", s.blockedDetails());
        out.put("dataIssuesByKind", s.dataIssuesByKind());
        out.put("lastSync", RunJson.of(last));
        if (json) {
            System.out.println(CommandJson.write(out));
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Item");
        table.column("Value");
        table.addRow().addContent("students on roll", s.studentsOnRoll());
        table.addRow().addContent("reachable by email", s.reachableByEmail() + percent(s.reachableByEmail(), s.studentsOnRoll()));
        table.addRow().addContent("reachable by mobile", s.reachableByMobile() + percent(s.reachableByMobile(), s.studentsOnRoll()));
        table.addRow().addContent("blocked details", s.blockedDetails());
        s.dataIssuesByKind().forEach((kind, n) -> table.addRow().addContent("data issues: " + kind, n));
        table.addRow().addContent("last sync", last == null ? "never" : last.outcome() + " at " + last.finishedAt() + " ("
                + last.created() + " created, " + last.updated() + " updated, " + last.removed() + " removed)");
        table.print(System.out);
        return null;
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "" : String.format(" (%.1f%%)", part * 100.0 / whole);
    }
}
