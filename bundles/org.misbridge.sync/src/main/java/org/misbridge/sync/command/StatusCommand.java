package org.misbridge.sync.command;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.misbridge.api.Directory;
import org.misbridge.api.Role;
import org.misbridge.api.SyncService;
import org.misbridge.api.UnsafeCharacters;
import org.misbridge.api.directory.SchoolCounts;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.shell.CommandJson;

/** Shows one school's directory counts and its last sync. */
@Service
@Command(scope = "school", name = "status", description = "Shows a school's directory counts and its last sync.")
public final class StatusCommand extends SchoolCommandSupport {

    @Reference
    private Directory directory;

    @Override
    protected Role role() {
        return Role.VIEWER;
    }

    @Override
    protected Object run() {
        SchoolCounts c = directory.counts(school);
        SyncRun last = directory.lastRun(school).orElse(null);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("school", school);
        status.put("reader", syncService.school(school).map(SyncService.SchoolInfo::readerKind).orElse(null));
        status.put("students", c.students());
        status.put("staff", c.staff());
        status.put("preAdmissions", c.preAdmissions());
        status.put("leavers", c.leavers());
        status.put("contacts", c.contacts());
        status.put("primeParents", c.primeParents());
        status.put("groups", c.groups());
        status.put("dataIssues", c.dataIssues());
        status.put("lastSync", RunJson.of(last));
        status.put("paused", syncService.school(school).map(SyncService.SchoolInfo::paused).orElse(Set.of()));
        if (json) {
            System.out.println(CommandJson.write(status));
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Item");
        table.column("Value");
        status.forEach((k, v) -> {
            if (!"lastSync".equals(k) && !"paused".equals(k)) {
                table.addRow().addContent(k, v);
            }
        });
        Set<?> paused = (Set<?>) status.get("paused");
        table.addRow().addContent("paused", paused.isEmpty() ? "no" : String.join(", ", paused.stream().map(Object::toString).toList()));
        if (last == null) {
            table.addRow().addContent("lastSync", "never");
        } else {
            table.addRow().addContent("lastSync", last.outcome() + " at " + last.finishedAt()
                    + (last.host() == null ? "" : " on " + last.host())
                    + (last.scheduledFor() == null ? " (on demand)" : " (scheduled for " + last.scheduledFor() + ")"));
            table.addRow().addContent("changes", last.created() + " created, " + last.updated() + " updated, " + last.removed() + " removed");
            if (last.message() != null) {
                table.addRow().addContent("reason", UnsafeCharacters.escape(last.message()));
            }
        }
        table.print(System.out);
        return null;
    }
}
