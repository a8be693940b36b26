package org.misbridge.leavers.command;

import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Role;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.files.ExportFolder;
import org.misbridge.leavers.internal.LeaverFacts;
import org.misbridge.leavers.internal.YearEndReport;

/** Writes the year-end report: a CSV of every member with state, groups, adults, balances and warnings. */
@Service
@Command(scope = "school", name = "report",
        description = "Writes a CSV report of the school's members (state, groups, linked adults, open wallet balances, outstanding bookings, warnings) to a new file in the export folder, before year-end work: school:report <school> <name.csv>.")
public final class ReportCommand extends LeaversCommandSupport {

    @Reference(optional = true)
    private @Nullable ExportFolder exports;

    @Override
    protected Role role() {
        return Role.OPERATOR;
    }

    @Override
    protected void run() throws Exception {
        DirectoryState state = directory.load(school);
        var all = wallets.wallets(school);
        LeaverFacts facts = new LeaverFacts(state, all, wallets.bookings(school), today());
        Path file = ExportFolders.require(exports).writeNew(arg(0, "report file name"), ".csv",
                out -> YearEndReport.write(out, state, facts, all));
        System.out.println("Wrote " + state.members().size() + " member(s) of " + school + " to " + file + ".");
    }
}
