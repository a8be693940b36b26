package org.misbridge.sync.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.Changes;
import org.misbridge.api.directory.Member;

/** A change set in one line per kind, for dry runs and logs. */
public final class ChangeSummary {

    private ChangeSummary() {
    }

    public static String describe(ChangeSet c) {
        Map<String, Changes<?>> kinds = new LinkedHashMap<>();
        kinds.put("members", c.members());
        kinds.put("linked people", c.people());
        kinds.put("links", c.links());
        kinds.put("contact details", c.details());
        kinds.put("groups", c.groups());
        kinds.put("group memberships", c.memberships());
        return kinds.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue().created().size() + " created, " + e.getValue().updated().size()
                        + " updated, " + e.getValue().removed().size() + " removed")
                .collect(Collectors.joining("; ")) + "; data issues: " + c.dataIssues().size()
                + which("members created", c.members().created()) + which("members updated", c.members().updated())
                + which("members removed", c.members().removed());
    }

    private static final int SHOWN = 10;

    /** Which members, by id, so an operator can check a few against the MIS. */
    private static String which(String what, List<Member> members) {
        if (members.isEmpty()) {
            return "";
        }
        String ids = members.stream().limit(SHOWN).map(Member::id)
                .collect(Collectors.joining(", "));
        return "; " + what + ": " + ids + (members.size() > SHOWN ? " and " + (members.size() - SHOWN) + " more" : "");
    }
}
