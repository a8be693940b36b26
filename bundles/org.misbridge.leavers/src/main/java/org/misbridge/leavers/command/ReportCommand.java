package org.misbridge.leavers.command;

import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.misbridge.api.Role;
import org.misbridge.api.SchoolProperties;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.leavers.internal.LeaverFacts;
import org.misbridge.leavers.internal.YearEndReport;

/** Writes the year-end report: a CSV of every member with state, groups, adults, balances and warnings. */
@Service
@Command(scope = "school", name = "report",
        description = "Writes a CSV report of the school's members (state, groups, linked adults, open wallet balances, outstanding bookings, warnings) to a new file, before year-end work: school:report <school> <file.csv>.")
public final class ReportCommand extends LeaversCommandSupport {

    @Override
    protected Role role() {
        return Role.OPERATOR;
    }

    @Override
    protected void run() throws Exception {
        Path file = SchoolProperties.resolvePath(arg(0, "report file"), System.getProperty("karaf.home"));
        DirectoryState state = directory.load(school);
        var all = wallets.wallets(school);
        int members = YearEndReport.write(file, state, new LeaverFacts(state, all, wallets.bookings(school), today()), all);
        System.out.println("Wrote " + members + " member(s) of " + school + " to " + file + ".");
    }
}
