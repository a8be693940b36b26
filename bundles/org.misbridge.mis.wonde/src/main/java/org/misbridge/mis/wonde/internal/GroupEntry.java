package org.misbridge.mis.wonde.internal;

import java.util.Objects;
import java.util.Set;
import org.misbridge.api.model.GroupKind;

/** A Wonde group or class with the student and employee ids its own includes list. */
record GroupEntry(String id, String name, GroupKind kind, Set<String> memberIds) {
    GroupEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        memberIds = Set.copyOf(memberIds);
    }
}
