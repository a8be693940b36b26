package org.misbridge.api.directory;

import java.util.List;

/** The rows of one kind to create, update (by key) and remove. */
public record Changes<T extends Keyed>(List<T> created, List<T> updated, List<T> removed) {

    public Changes {
        created = List.copyOf(created);
        updated = List.copyOf(updated);
        removed = List.copyOf(removed);
    }

    public static <T extends Keyed> Changes<T> none() {
        return new Changes<>(List.of(), List.of(), List.of());
    }

    public boolean isEmpty() {
        return created.isEmpty() && updated.isEmpty() && removed.isEmpty();
    }
}
