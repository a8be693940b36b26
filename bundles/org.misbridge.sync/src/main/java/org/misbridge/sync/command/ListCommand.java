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
import org.misbridge.api.Directory;
import org.misbridge.api.Role;
import org.misbridge.api.SyncService;

/** Lists the configured schools with their reader, size and last sync. */
@Service
@Command(scope = "school", name = "list", description = "Lists the configured schools with their reader, student count and last sync.")
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
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SyncService.SchoolInfo school : syncService.schools()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("school", school.id());
            row.put("name", school.name());
            row.put("reader", school.readerKind());
            row.put("students", directory.counts(school.id()).students());
            row.put("lastSync", Json.run(directory.lastRun(school.id()).orElse(null)));
            rows.add(row);
        }
        if (json) {
            System.out.println(Json.write(rows));
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("School");
        table.column("Name");
        table.column("Reader");
        table.column("Students").alignRight();
        table.column("Last sync");
        table.column("Outcome");
        for (Map<String, Object> row : rows) {
            @SuppressWarnings("unchecked")
            Map<String, Object> last = (Map<String, Object>) row.get("lastSync");
            table.addRow().addContent(row.get("school"), row.get("name"), row.get("reader"), row.get("students"),
                    last == null ? "never" : last.get("finishedAt"), last == null ? "" : last.get("outcome"));
        }
        table.print(System.out);
        return null;
    }
}
