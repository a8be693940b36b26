package org.misbridge.leavers.command;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.misbridge.api.Role;
import org.misbridge.api.lifecycle.ArchivedGroup;


/**
 * Year end: archives last year's custom groups (made by hand, not from the MIS), keeping each with
 * its members for the record. Imported groups follow the MIS and are never archived here.
 */
@Service
@Command(scope = "school", name = "archive-groups",
        description = "Archives the school's custom groups created before a date (--before YYYY-MM-DD), keeping their members for the record; shows them first, needs --yes; audited. Imported groups follow the MIS.")
public final class ArchiveGroupsCommand extends LeaversCommandSupport {

    @Option(name = "--before", description = "Archive custom groups created before this day (YYYY-MM-DD, in the school's time zone).", required = true)
    private String before;

    @Override
    protected boolean printsJson() {
        return true;
    }

    /** The preview is an operator's; archiving (--yes) an admin's. */
    @Override
    protected Role role() {
        return yes ? Role.ADMIN : Role.OPERATOR;
    }

    @Override
    protected void run() throws Exception {
        LocalDate day = date(before, "--before");
        List<ArchivedGroup> groups = yes ? lifecycle.archiveGroups(school, day, actor()) : lifecycle.groupsToArchive(school, day);
        if (json) {
            printJson(Map.of("school", school, "before", before, "archived", yes, "groups", groups.stream()
                    .map(g -> Map.of("group", g.id(), "name", g.name(), "createdAt", g.createdAt().toString(),
                            "members", g.memberIds()))
                    .toList()));
            return;
        }
        ShellTable table = new ShellTable();
        for (String c : List.of("Group", "Name", "Created at", "Members")) {
            table.column(c);
        }
        groups.forEach(g -> table.addRow().addContent(g.id(), g.name(), g.createdAt(), g.memberIds().size()));
        table.print(System.out);
        System.out.println(yes ? "Archived " + groups.size() + " custom group(s) of " + school + "."
                : groups.size() + " custom group(s) created before " + before + " would be archived; run again with --yes"
                        + " (school:report first keeps a copy of the school as it is).");
    }
}
