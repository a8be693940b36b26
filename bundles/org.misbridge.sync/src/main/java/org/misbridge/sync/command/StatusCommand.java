package org.misbridge.sync.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.misbridge.api.Directory;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Role;
import org.misbridge.api.SchoolUsage;
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

    /** Who reads the school from outside (the OneRoster provider's clients), when such a feature is installed. */
    @Reference(optional = true)
    private @Nullable SchoolUsage usage;

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
        // a reader reading deltas re-reads only what changed; with oneroster.csv.deltas=auto, once its read is kept
        status.put("readsDeltas", syncService.school(school).map(SyncService.SchoolInfo::readsDeltas).orElse(false));
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
        SchoolUsage served = usage;
        if (served != null) {
            status.put("servedTo", servedTo(served, school));
        }
        if (json) {
            System.out.println(CommandJson.write(status));
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Item");
        table.column("Value");
        status.forEach((k, v) -> {
            if (!"lastSync".equals(k) && !"paused".equals(k) && !"servedTo".equals(k)) {
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
        if (status.get("servedTo") instanceof List<?> clients) {
            table.addRow().addContent("servedTo", clients.isEmpty() ? "no client" : String.join(", ", clients.stream()
                    .map(u -> (Map<?, ?>) u).map(u -> u.get("client") + " (" + u.get("requestsToday") + " requests today)").toList()));
        }
        table.print(System.out);
        return null;
    }

    /** The clients that may read the school, each with its requests today and its last use: the key {@code servedTo}. */
    static List<Map<String, Object>> servedTo(SchoolUsage usage, String school) {
        List<Map<String, Object>> clients = new ArrayList<>();
        for (SchoolUsage.ClientUse use : usage.clients(school)) {
            Map<String, Object> client = new LinkedHashMap<>();
            client.put("client", UnsafeCharacters.escape(use.clientId()));
            client.put("requestsToday", use.requestsToday());
            client.put("lastUse", use.lastUse() == null ? null : use.lastUse().toString());
            clients.add(client);
        }
        return clients;
    }
}
