package org.misbridge.sync.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Member;
import org.misbridge.api.model.EnrolmentState;

/**
 * Queues leavers for deletion: shows what will go, asks for --yes, can export each member's data
 * first, and leaves an audit record. The queue deletes in the background; until then the members
 * show as deleting in school:leavers.
 */
@Service
@Command(scope = "school", name = "delete-leavers",
        description = "Deletes leavers (--all, --year N, or member ids after the school id): shows them, needs --yes, can --export their data first; audited.")
public final class DeleteLeaversCommand extends SchoolCommandSupport {

    @Option(name = "--all", description = "Every leaver not already queued.")
    private boolean all;

    @Option(name = "--year", description = "Leavers of this year group.")
    private String year;

    @Option(name = "--yes", description = "Confirms the deletion.")
    private boolean yes;

    @Option(name = "--export", description = "First write each member's data (member, links, adults, details, groups) to this JSON file; it must not exist.")
    private String export;

    private final List<String> ids = new ArrayList<>();

    @Override
    protected boolean acceptTrailingFlag(String value) {
        switch (value) {
            case "--yes" -> yes = true;
            case "--all" -> all = true;
            default -> {
                if (value.startsWith("--")) {
                    return false;
                }
                ids.add(value);
            }
        }
        return true;
    }

    @Override
    protected Object run() throws IOException {
        if ((all ? 1 : 0) + (year != null ? 1 : 0) + (ids.isEmpty() ? 0 : 1) != 1) {
            System.err.println("Give exactly one of --all, --year N, or member ids after the school id.");
            return null;
        }
        DirectoryState state = directory.load(school);
        Set<String> queued = Set.copyOf(directory.deletionQueue(school));
        List<Member> chosen;
        if (!ids.isEmpty()) {
            List<String> notLeavers = ids.stream().filter(id -> state.members().stream()
                    .noneMatch(m -> m.id().equals(id) && m.state() == EnrolmentState.LEAVER)).toList();
            if (!notLeavers.isEmpty()) {
                System.err.println("Refused, nothing queued: not leavers of " + school + ": " + String.join(", ", notLeavers));
                return null;
            }
            chosen = state.members().stream().filter(m -> ids.contains(m.id()) && !queued.contains(m.id())).toList();
        } else {
            chosen = state.members().stream().filter(m -> m.state() == EnrolmentState.LEAVER && !queued.contains(m.id()))
                    .filter(m -> year == null || Objects.equals(year, m.yearGroup())).toList();
        }
        if (chosen.isEmpty()) {
            System.out.println("No leavers to delete in " + school + (queued.isEmpty() ? "." : " (" + queued.size() + " already queued)."));
            return null;
        }
        ShellTable table = new ShellTable();
        for (String c : List.of("Member", "Name", "Year", "Leaving date", "Adults")) {
            table.column(c);
        }
        for (Member m : chosen) {
            table.addRow().addContent(m.id(), m.givenName() + " " + m.familyName(), m.yearGroup(), m.leavingDate(),
                    state.links().stream().filter(l -> l.memberId().equals(m.id())).count());
        }
        table.print(System.out);
        System.out.println("Deleting removes these " + chosen.size() + " member(s) with their links, details and group"
                + " places, and the adults linked to no one else. It cannot be undone.");
        if (!yes) {
            System.out.println("Run again with --yes to queue the deletion" + (export == null ? " (--export FILE keeps a copy first)." : "."));
            return null;
        }
        if (export != null) {
            exportTo(Path.of(export), state, chosen);
        }
        List<String> chosenIds = chosen.stream().map(Member::id).toList();
        int added = directory.queueDeletion(school, chosenIds, Audit.user());
        Audit.record(directory, school, "delete-leavers", all ? "--all" : year != null ? "--year " + year
                : String.join(",", chosenIds), added);
        syncService.processDeletionQueue(school);
        System.out.println("Queued " + added + " leaver(s) of " + school + " for deletion; they show as deleting in"
                + " school:leavers until removed.");
        return null;
    }

    /** Each member's rows as JSON, written to a temp file and renamed, so a half export never exists. */
    private static void exportTo(Path file, DirectoryState state, List<Member> members) throws IOException {
        if (Files.exists(file)) {
            throw new IOException("export file " + file + " exists already; nothing was queued");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Member m : members) {
            Map<String, Object> row = new LinkedHashMap<>();
            Map<String, Object> member = new LinkedHashMap<>();
            member.put("id", m.id());
            member.put("kind", m.kind().name());
            member.put("givenName", m.givenName());
            member.put("familyName", m.familyName());
            member.put("yearGroup", m.yearGroup());
            member.put("registrationGroup", m.registrationGroup());
            member.put("admissionDate", Objects.toString(m.admissionDate(), null));
            member.put("leavingDate", Objects.toString(m.leavingDate(), null));
            member.put("origin", m.origin().name());
            row.put("member", member);
            var links = state.links().stream().filter(l -> l.memberId().equals(m.id())).toList();
            row.put("links", links);
            Set<String> people = new java.util.HashSet<>();
            links.forEach(l -> people.add(l.personId()));
            row.put("adults", state.people().stream().filter(p -> people.contains(p.id())).toList());
            row.put("details", state.details().stream()
                    .filter(d -> d.ownerId().equals(m.id()) || people.contains(d.ownerId())).toList());
            row.put("groups", state.memberships().stream().filter(g -> g.memberId().equals(m.id()))
                    .map(g -> g.groupId()).toList());
            out.add(row);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, Json.write(out));
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("Exported " + members.size() + " member(s) to " + file + ".");
    }
}
