package org.misbridge.leavers.command;

import java.util.Map;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.misbridge.api.Role;
import org.misbridge.api.WholeNumbers;


/** Shows or extends how long what is kept about deleted members stays before it is anonymised. */
@Service
@Command(scope = "school", name = "retention",
        description = "Shows the school's retention period (days before deleted members' kept records are anonymised), or extends it to the days given after the school id; audited.")
public final class RetentionCommand extends LeaversCommandSupport {

    @Override
    protected boolean printsJson() {
        return true;
    }

    /** Showing the period is a viewer's; any value after the school id asks to change it, an admin's. */
    @Override
    protected String request() {
        return args.isEmpty() ? "school:retention" : "school:retention <days> (changing the period)";
    }

    @Override
    protected Role role() {
        return args.isEmpty() ? Role.VIEWER : Role.ADMIN;
    }

    @Override
    protected void run() throws Exception {
        if (args.isEmpty()) {
            int current = lifecycle.anonymiseAfterDays(school);
            if (json) {
                printJson(Map.of("school", school, "anonymiseAfterDays", current));
            } else {
                System.out.println("School " + school + " anonymises what is kept about deleted members " + current
                        + " day(s) after their deletion.");
            }
            return;
        }
        int days = WholeNumbers.parse(args.get(0), "days");
        int was = lifecycle.extendRetention(school, days, actor());
        if (json) {
            printJson(Map.of("school", school, "anonymiseAfterDays", days, "was", was));
            return;
        }
        System.out.println("School " + school + " now keeps deleted members' records for " + days + " day(s) (was "
                + was + "); etc/org.misbridge.leavers-" + school + ".cfg is updated.");
    }
}
