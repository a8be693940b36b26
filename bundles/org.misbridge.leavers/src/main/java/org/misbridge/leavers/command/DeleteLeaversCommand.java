package org.misbridge.leavers.command;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;
import org.misbridge.api.Role;
import org.misbridge.api.UnsafeCharacters;
import org.misbridge.api.directory.Member;
import org.misbridge.api.lifecycle.LeaverLifecycle.DeletionPlan;
import org.misbridge.api.lifecycle.LeaverLifecycle.DeletionProgress;
import org.misbridge.api.lifecycle.LeaverLifecycle.DeletionQueued;
import org.misbridge.api.lifecycle.LeaverLifecycle.LeaverRow;
import org.misbridge.api.lifecycle.LeaverLifecycle.LeaverSelection;

/**
 * Queues leavers for deletion: shows what will go with the warnings, needs --yes, can export each
 * member's data first, and leaves an audit record. The queue deletes in the background; until then
 * the members show as deleting in school:leavers, and --wait follows it to the end.
 */
@Service
@Command(scope = "school", name = "delete-leavers",
        description = "Deletes leavers (--all, --year N, or member ids after the school id): shows them with warnings, needs --yes, can --export their data first, --wait follows the queue; audited.")
public final class DeleteLeaversCommand extends LeaversCommandSupport {

    @Option(name = "--all", description = "Every leaver not already queued.")
    private boolean all;

    @Option(name = "--year", description = "Leavers of this year group.")
    private String year;

    @Option(name = "--export", description = "First write each member's data (member, links, adults, details, groups, bookings, wallets) to a new JSON file of this name in the export folder.")
    private String export;

    @Option(name = "--wait", description = "After queueing, print the queue's progress until it is done.")
    private boolean await;

    /** The preview is an operator's; queueing the deletion (--yes) an admin's. */
    @Override
    protected Role role() {
        return yes ? Role.ADMIN : Role.OPERATOR;
    }

    @Override
    protected void run() throws Exception {
        LeaverSelection selection = new LeaverSelection(all, year, args);
        DeletionPlan plan = lifecycle.planDeletion(school, selection, export);
        if (plan.chosen().isEmpty()) {
            System.out.println("No leavers to delete in " + school + (plan.alreadyQueued() == 0 ? "." : " (" + plan.alreadyQueued() + " already queued)."));
            return;
        }
        ShellTable table = new ShellTable();
        for (String c : List.of("Member", "Name", "Year", "Leaving date", "Adults", "Warnings")) {
            table.column(c);
        }
        for (LeaverRow r : plan.chosen()) {
            Member m = r.member();
            table.addRow().addContent(UnsafeCharacters.printable(m.id(), m.givenName() + " " + m.familyName(), m.yearGroup(),
                    m.leavingDate(), r.linkedAdults(), r.warnings().size()));
        }
        table.print(System.out);
        printWarnings(plan.chosen().stream().map(r -> Map.entry(r.member().id(), r.warnings())).toList());
        long warned = plan.chosen().stream().filter(r -> !r.warnings().isEmpty()).count();
        System.out.println("Deleting removes these " + plan.chosen().size() + " member(s) with their links, details and group"
                + " places, and the adults linked to no one else. It cannot be undone. Payment records and the audit"
                + " trail are kept, anonymised after " + lifecycle.anonymiseAfterDays(school) + " day(s).");
        if (warned > 0) {
            System.out.println("Warning: " + warned + " of them have money or bookings outstanding (see Warnings):"
                    + " settle them first (school:wallets " + school + " --leavers).");
        }
        if (!yes) {
            System.out.println("Run again with --yes to queue the deletion" + (export == null ? " (--export FILE keeps a copy first)." : "."));
            return;
        }
        DeletionQueued done = lifecycle.deleteLeavers(school, selection, export, actor());
        if (done.exported() != null) {
            System.out.println("Exported " + done.chosen() + " member(s) to " + done.exported() + ".");
        }
        System.out.println("Queued " + done.queued() + " leaver(s) of " + school + " for deletion; they show as deleting in"
                + " school:leavers until removed.");
        if (await) {
            follow();
        }
    }

    /** Prints the queue's progress every couple of seconds until it is empty, stops with an error, or ten minutes pass. */
    private void follow() throws InterruptedException, CommandException {
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(10));
        String last = "";
        while (Instant.now().isBefore(giveUp)) {
            DeletionProgress p = lifecycle.progress(school);
            int left = p.queued();
            String line = "deleted " + p.deleted() + ", " + left + " still queued";
            if (!line.equals(last)) {
                System.out.println(line);
                last = line;
            }
            if (left == 0) {
                System.out.println("Done: the queue of " + school + " is empty.");
                return;
            }
            if (!p.running() && p.lastError() != null) {
                // queued, and waiting on an error: the script asked to follow it to the end, so that is a failure
                throw new CommandException("The deletion is queued, but the queue stopped: " + p.lastError()
                        + ". It resumes by itself; school:leavers shows it.");
            }
            Thread.sleep(1000);
        }
        System.out.println("Still deleting after 10 minutes; school:leavers " + school + " shows the queue.");
    }
}
