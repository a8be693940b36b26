package org.misbridge.api.model;

import java.util.Objects;
import java.util.Set;

/** A class, registration or year group with the ids of its student and staff members. */
public record Group(String id, String name, GroupKind kind, boolean active, Set<String> memberIds) {
    public Group {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        memberIds = Set.copyOf(memberIds);
    }
}
