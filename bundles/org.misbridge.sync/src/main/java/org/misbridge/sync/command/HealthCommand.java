package org.misbridge.sync.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.misbridge.api.Authorisation;
import org.misbridge.api.Role;
import org.misbridge.api.SchoolHealth;
import org.misbridge.api.SyncService;
import org.misbridge.api.UnsafeCharacters;
import org.misbridge.shell.CommandJson;

/** Every school's health at a glance: stale, failing, refused or paused schools with the cause. */
@Service
@Command(scope = "school", name = "health",
        description = "Shows each school's last good read, next scheduled run and state (OK, STALE, FAILING, REFUSED, PAUSED, NEVER_SYNCED, MISCONFIGURED, NO_READER) with the cause.")
public final class HealthCommand implements Action {

    @Reference
    private SyncService syncService;

    @Option(name = "--problems", description = "Only schools whose state is not OK.")
    private boolean problemsOnly;

    @Option(name = "--json", description = "Print a JSON array for scripts instead of a table.")
    private boolean json;

    @Override
    public Object execute() {
        Authorisation.require(Role.VIEWER, "school:health");
        List<SchoolHealth> schools = syncService.health().stream()
                .filter(h -> !problemsOnly || h.state() != SchoolHealth.State.OK).toList();
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (SchoolHealth h : schools) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("school", h.schoolId());
                row.put("state", h.state().name());
                row.put("lastGoodRead", h.lastGoodRead() == null ? null : h.lastGoodRead().toString());
                row.put("lastRun", RunJson.of(h.lastRun()));
                row.put("nextRun", h.nextRun() == null ? null : h.nextRun().toString());
                row.put("schedule", h.schedule());
                row.put("cause", h.cause());
                rows.add(row);
            }
            System.out.println(CommandJson.write(rows));
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("School");
        table.column("State");
        table.column("Last good read");
        table.column("Next run");
        table.column("Last run on");
        table.column("Cause").maxSize(80);
        for (SchoolHealth h : schools) {
            String host = h.lastRun() == null || h.lastRun().host() == null ? "-" : h.lastRun().host();
            table.addRow().addContent(UnsafeCharacters.printable(h.schoolId(), h.state().name(),
                    h.lastGoodRead() == null ? "never" : h.lastGoodRead().toString(),
                    h.nextRun() == null ? "-" : h.nextRun().toString(), host, h.cause() == null ? "" : h.cause()));
        }
        table.print(System.out);
        return null;
    }
}
