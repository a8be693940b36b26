package org.misbridge.leavers.command;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Role;
import org.misbridge.api.UnsafeCharacters;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Member;
import org.misbridge.api.files.ExportFolder;
import org.misbridge.api.files.FileNames;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.leavers.internal.LeaverFacts;
import org.misbridge.leavers.internal.MemberExport;
import org.misbridge.leavers.internal.SchoolLeavers.DeletionProgress;

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

    @Reference(optional = true)
    private @Nullable ExportFolder exports;

    @Option(name = "--wait", description = "After queueing, print the queue's progress until it is done.")
    private boolean await;

    @Override
    protected boolean acceptFlag(String flag) {
        switch (flag) {
            case "--all" -> all = true;
            case "--wait" -> await = true;
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The preview is an operator's; queueing the deletion (--yes) an admin's. */
    @Override
    protected Role role() {
        return yes ? Role.ADMIN : Role.OPERATOR;
    }

    @Override
    protected void run() throws Exception {
        if ((all ? 1 : 0) + (year != null ? 1 : 0) + (args.isEmpty() ? 0 : 1) != 1) {
            throw new IllegalArgumentException("give exactly one of --all, --year N, or member ids after the school id");
        }
        if (export != null) {
            FileNames.requirePlain(export, ".json"); // a bad name is refused before anything is shown or queued
        }
        DirectoryState state = directory.load(school);
        Set<String> queued = Set.copyOf(directory.deletionQueue(school));
        List<Member> chosen;
        if (!args.isEmpty()) {
            List<String> notLeavers = args.stream().filter(id -> state.members().stream()
                    .noneMatch(m -> m.id().equals(id) && m.state() == EnrolmentState.LEAVER)).toList();
            if (!notLeavers.isEmpty()) {
                throw new IllegalArgumentException("not leavers of " + school + ": " + String.join(", ", notLeavers));
            }
            chosen = state.members().stream().filter(m -> args.contains(m.id()) && !queued.contains(m.id())).toList();
        } else {
            chosen = state.members().stream().filter(m -> m.state() == EnrolmentState.LEAVER && !queued.contains(m.id()))
                    .filter(m -> year == null || Objects.equals(year, m.yearGroup())).toList();
        }
        if (chosen.isEmpty()) {
            System.out.println("No leavers to delete in " + school + (queued.isEmpty() ? "." : " (" + queued.size() + " already queued)."));
            return;
        }
        var walletList = wallets.wallets(school);
        var bookings = wallets.bookings(school);
        LeaverFacts facts = new LeaverFacts(state, walletList, bookings, today());
        ShellTable table = new ShellTable();
        for (String c : List.of("Member", "Name", "Year", "Leaving date", "Adults")) {
            table.column(c);
        }
        table.column("Warnings");
        List<Map.Entry<String, List<String>>> warnings = new ArrayList<>();
        for (Member m : chosen) {
            warnings.add(Map.entry(m.id(), facts.warnings(m)));
            table.addRow().addContent(UnsafeCharacters.printable(m.id(), m.givenName() + " " + m.familyName(), m.yearGroup(),
                    m.leavingDate(), facts.linksOf(m.id()).size(), warnings.get(warnings.size() - 1).getValue().size()));
        }
        table.print(System.out);
        printWarnings(warnings);
        long warned = warnings.stream().filter(w -> !w.getValue().isEmpty()).count();
        System.out.println("Deleting removes these " + chosen.size() + " member(s) with their links, details and group"
                + " places, and the adults linked to no one else. It cannot be undone. Payment records and the audit"
                + " trail are kept, anonymised after " + leavers.anonymiseAfterDays() + " day(s).");
        if (warned > 0) {
            System.out.println("Warning: " + warned + " of them have money or bookings outstanding (see Warnings):"
                    + " settle them first (school:wallets " + school + " --leavers).");
        }
        if (!yes) {
            System.out.println("Run again with --yes to queue the deletion" + (export == null ? " (--export FILE keeps a copy first)." : "."));
            return;
        }
        if (export != null) {
            Path file = ExportFolders.require(exports).writeNew(export, ".json",
                    out -> MemberExport.write(out, state, chosen, walletList, bookings));
            System.out.println("Exported " + chosen.size() + " member(s) to " + file + ".");
        }
        List<String> chosenIds = chosen.stream().map(Member::id).toList();
        int added = directory.queueDeletion(school, chosenIds, actor());
        audit("delete-leavers", all ? "--all" : year != null ? "--year " + year : String.join(",", chosenIds), added);
        leavers.processDeletions();
        System.out.println("Queued " + added + " leaver(s) of " + school + " for deletion; they show as deleting in"
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
            int left = directory.deletionQueue(school).size();
            DeletionProgress p = leavers.progress();
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
