package org.misbridge.sync.command;

import java.util.ArrayList;
import java.util.HashMap;
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
import org.misbridge.api.Directory;
import org.misbridge.api.Role;
import org.misbridge.api.SchoolHealth;
import org.misbridge.api.SyncService;
import org.misbridge.api.UnsafeCharacters;
import org.misbridge.shell.CommandJson;

/** Lists the configured schools with their reader, size and last sync. */
@Service
@Command(scope = "school", name = "list", description = "Lists every school with a configuration file: its reader, student count, last sync and state; a school whose configuration was refused, or that has no reader, shows why.")
public final class ListCommand implements Action {

    @Reference
    private SyncService syncService;

    @Reference
    private Directory directory;

    @Option(name = "--json", description = "Print a JSON array for scripts instead of a table.")
    private boolean json;

    @Override
    public Object execute() {
        Authorisation.require(Role.VIEWER, "school:list");
        // every school with a configuration file, running or not: a refused one shows with the reason
        Map<String, SyncService.SchoolInfo> running = new HashMap<>();
        syncService.schools().forEach(s -> running.put(s.id(), s));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SchoolHealth health : syncService.health()) {
            SyncService.SchoolInfo school = running.get(health.schoolId());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("school", health.schoolId());
            row.put("name", school == null ? health.schoolId() : school.name());
            row.put("reader", school == null ? null : school.readerKind());
            row.put("students", directory.counts(health.schoolId()).students());
            row.put("lastSync", RunJson.of(directory.lastRun(health.schoolId()).orElse(null)));
            row.put("state", health.state().name());
            row.put("problem", isConfigurationProblem(health.state()) ? health.cause() : null);
            rows.add(row);
        }
        if (json) {
            System.out.println(CommandJson.write(rows));
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("School");
        table.column("Name");
        table.column("Reader");
        table.column("Students").alignRight();
        table.column("Last sync");
        table.column("Outcome");
        table.column("State");
        table.column("Problem").maxSize(80);
        for (Map<String, Object> row : rows) {
            @SuppressWarnings("unchecked")
            Map<String, Object> last = (Map<String, Object>) row.get("lastSync");
            table.addRow().addContent(UnsafeCharacters.printable(row.get("school"), row.get("name"),
                    row.get("reader") == null ? "-" : row.get("reader"), row.get("students"),
                    last == null ? "never" : last.get("finishedAt"), last == null ? "" : last.get("outcome"),
                    row.get("state"), row.get("problem") == null ? "" : row.get("problem")));
        }
        table.print(System.out);
        return null;
    }

    /** school:list names only what keeps a school from running; school:health has every state's cause. */
    private static boolean isConfigurationProblem(SchoolHealth.State state) {
        return state == SchoolHealth.State.MISCONFIGURED || state == SchoolHealth.State.NO_READER;
    }
}
