package org.misbridge.sync.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.Changes;

/** A change set in one line per kind, for dry runs and logs. */
final class ChangeSummary {

    private ChangeSummary() {
    }

    static String describe(ChangeSet c) {
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
                .collect(Collectors.joining("; ")) + "; data issues: " + c.dataIssues().size();
    }
}
