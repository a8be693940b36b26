package org.misbridge.sync.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;
import org.misbridge.api.AuditTrail;
import org.misbridge.api.Role;
import org.misbridge.api.UnsafeCharacters;
import org.misbridge.api.WholeNumbers;
import org.misbridge.api.directory.AuditRecord;
import org.misbridge.shell.CommandJson;

/** A school's audit trail: who removed, unlinked, deleted, re-enabled or forced what, newest first. */
@Service
@Command(scope = "school", name = "audit", description = "Shows a school's audit trail, newest first: when, who, what, to what, how many records.")
public final class AuditCommand extends SchoolCommandSupport {

    @Reference
    private AuditTrail auditTrail;

    @Option(name = "--limit", description = "How many entries (default 50), in the digits 0-9.")
    private String limit = "50";

    @Override
    protected Role role() {
        return Role.OPERATOR;
    }

    @Override
    protected Object run() throws CommandException {
        int entries;
        try {
            entries = WholeNumbers.parse(limit, "--limit");
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage(), e);
        }
        List<AuditRecord> trail = auditTrail.auditTrail(school, entries);
        if (json) {
            System.out.println(CommandJson.write(trail.stream().map(a -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("at", a.at().toString());
                m.put("actor", a.actor());
                m.put("action", a.action());
                m.put("target", a.target());
                m.put("affected", a.affected());
                return m;
            }).toList()));
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("At");
        table.column("Who");
        table.column("Action");
        table.column("Target");
        table.column("Records").alignRight();
        trail.forEach(a -> table.addRow().addContent(UnsafeCharacters.printable(a.at(), a.actor(), a.action(), a.target(),
                a.affected())));
        table.print(System.out);
        return null;
    }
}
