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
import org.misbridge.api.Directory;
import org.misbridge.api.SyncService;
import org.misbridge.api.directory.SchoolCounts;
import org.misbridge.api.directory.SyncRun;

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
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SyncService.SchoolInfo school : syncService.schools()) {
            SchoolCounts counts = directory.counts(school.id());
            SyncRun last = directory.lastRun(school.id()).orElse(null);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("school", school.id());
            row.put("name", school.name());
            row.put("reader", school.readerKind());
            row.put("students", counts.students());
            row.put("lastSync", Json.run(last));
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
        for (SyncService.SchoolInfo school : syncService.schools()) {
            SyncRun last = directory.lastRun(school.id()).orElse(null);
            table.addRow().addContent(school.id(), school.name(), school.readerKind(),
                    directory.counts(school.id()).students(),
                    last == null ? "never" : last.finishedAt().toString(),
                    last == null ? "" : last.outcome().name());
        }
        table.print(System.out);
        return null;
    }
}
