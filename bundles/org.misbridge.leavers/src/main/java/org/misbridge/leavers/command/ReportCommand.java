package org.misbridge.leavers.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.misbridge.api.Role;
import org.misbridge.api.lifecycle.LeaverLifecycle.ReportWritten;


/** Writes the year-end report: a CSV of every member with state, groups, adults, balances and warnings. */
@Service
@Command(scope = "school", name = "report",
        description = "Writes a CSV report of the school's members (state, groups, linked adults, open wallet balances, outstanding bookings, warnings) to a new file in the export folder, before year-end work: school:report <school> <name.csv>.")
public final class ReportCommand extends LeaversCommandSupport {

    @Override
    protected Role role() {
        return Role.OPERATOR;
    }

    @Override
    protected void run() throws Exception {
        ReportWritten report = lifecycle.writeReport(school, arg(0, "report file name"));
        System.out.println("Wrote " + report.members() + " member(s) of " + school + " to " + report.file() + ".");
    }
}
