package org.misbridge.security.command;

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
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Authorisation;
import org.misbridge.api.Role;
import org.misbridge.security.internal.LoginGuard;
import org.misbridge.shell.CommandJson;

/** Lists the logins locked out now, and the failures counting towards a lockout. */
@Service
@Command(scope = "school", name = "logins",
        description = "Lists the users and addresses locked out after failed logins (SSH, JMX, the /misbridge endpoints), and the failures counting towards a lockout.")
public final class LoginsCommand implements Action {

    @Reference
    private LoginGuard guard;

    @Option(name = "--json", description = "Print JSON for scripts instead of tables.")
    private boolean json;

    @Override
    public @Nullable Object execute() throws Exception {
        Authorisation.require(Role.ADMIN, "school:logins");
        List<Map<String, Object>> locked = new ArrayList<>();
        guard.lockouts().forEach(l -> locked.add(row("user", l.user(), "source", l.source(), "since", l.since().toString(),
                "until", l.until().toString(), "failures", l.failures(), "refusedSince", l.refused())));
        List<Map<String, Object>> failing = new ArrayList<>();
        guard.failures().forEach(f -> failing.add(row("user", f.user(), "source", f.source(), "failures", f.count(),
                "first", f.first().toString(), "last", f.last().toString())));
        if (json) {
            System.out.println(CommandJson.write(Map.of("lockedOut", locked, "failing", failing)));
            return null;
        }
        ShellTable lockouts = table("User", "Source", "Locked since", "Until", "Failures", "Refused since");
        locked.forEach(r -> lockouts.addRow().addContent(user(r), r.get("source"), r.get("since"), r.get("until"),
                r.get("failures"), r.get("refusedSince")));
        System.out.println("Locked out (school:unlock USER [--source ADDRESS], or school:unlock --source ADDRESS):");
        lockouts.print(System.out);
        ShellTable failures = table("User", "Source", "Failures", "First", "Last");
        failing.forEach(r -> failures.addRow().addContent(user(r), r.get("source"), r.get("failures"), r.get("first"), r.get("last")));
        System.out.println("Failed logins counting towards a lockout:");
        failures.print(System.out);
        return null;
    }

    private static Object user(Map<String, Object> row) {
        return row.get("user") == null ? "(every user)" : row.get("user");
    }

    private static ShellTable table(String... columns) {
        ShellTable table = new ShellTable();
        for (String c : columns) {
            table.column(c);
        }
        return table;
    }

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }
}
