package org.misbridge.api.directory;

import java.util.Objects;
import org.misbridge.api.model.GroupKind;

/** A group in the directory: imported from the MIS or custom-made by the school. */
public record DirectoryGroup(String id, String name, GroupKind kind, boolean active, Origin origin) implements Keyed {
    public DirectoryGroup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(origin, "origin");
    }

    @Override
    public String key() {
        return id;
    }
}
