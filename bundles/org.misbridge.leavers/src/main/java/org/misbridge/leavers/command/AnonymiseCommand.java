package org.misbridge.leavers.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.misbridge.api.Role;
import org.misbridge.api.lifecycle.Erasure;
import org.misbridge.api.lifecycle.LeaverLifecycle.ErasureDue;

/**
 * Deleted members and the anonymisation of what is kept about them: when each is due, and with
 * --yes, anonymises now those whose retention period has passed (as the hourly check would).
 */
@Service
@Command(scope = "school", name = "anonymise",
        description = "Lists deleted members and when what is kept about them (payment records, audit) is anonymised; --yes anonymises now those past the retention period. Irreversible; audited.")
public final class AnonymiseCommand extends LeaversCommandSupport {

    @Override
    protected boolean printsJson() {
        return true;
    }

    /** Listing is a viewer's; anonymising now (--yes) an admin's. */
    @Override
    protected Role role() {
        return yes ? Role.ADMIN : Role.VIEWER;
    }

    @Override
    protected void run() throws Exception {
        int days = lifecycle.anonymiseAfterDays(school);
        if (yes) {
            int done = lifecycle.anonymiseDue(school, actor());
            System.out.println(done == 0 ? "Nothing in " + school + " is past its retention period of " + days + " day(s) yet."
                    : "Anonymised what is kept about " + done + " deleted member(s) of " + school + ".");
        }
        List<ErasureDue> erasures = lifecycle.erasures(school);
        List<Map<String, Object>> rows = erasures.stream().map(d -> {
            Erasure e = d.erasure();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("member", e.memberId());
            row.put("deletedAt", e.deletedAt().toString());
            row.put("anonymiseFrom", d.anonymiseFrom().toString());
            row.put("anonymisedAt", e.anonymisedAt() == null ? null : e.anonymisedAt().toString());
            row.put("personalValuesKept", e.values());
            return row;
        }).toList();
        if (json) {
            printJson(Map.of("school", school, "anonymiseAfterDays", days, "deleted", rows));
            return;
        }
        ShellTable table = new ShellTable();
        for (String c : List.of("Member", "Deleted at", "Anonymise from", "Anonymised at", "Values kept")) {
            table.column(c);
        }
        rows.forEach(r -> table.addRow().addContent(r.get("member"), r.get("deletedAt"), r.get("anonymiseFrom"),
                r.get("anonymisedAt") == null ? "-" : r.get("anonymisedAt"), r.get("personalValuesKept")));
        table.print(System.out);
        long waiting = erasures.stream().filter(d -> d.erasure().anonymisedAt() == null).count();
        long due = erasures.stream().filter(ErasureDue::due).count();
        System.out.println(erasures.size() + " deleted member(s); " + waiting + " not anonymised yet, " + due
                + " of them past the retention period of " + days + " day(s)"
                + (due > 0 && !yes ? " (school:anonymise --yes " + school + " does it now)." : "."));
    }
}
