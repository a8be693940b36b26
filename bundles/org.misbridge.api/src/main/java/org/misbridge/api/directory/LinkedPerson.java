package org.misbridge.api.directory;

import java.util.Objects;

/** A parent or carer linked to one or more students. */
public record LinkedPerson(String id, String givenName, String familyName, Origin origin) implements Keyed {
    public LinkedPerson {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(givenName, "givenName");
        Objects.requireNonNull(familyName, "familyName");
        Objects.requireNonNull(origin, "origin");
    }

    @Override
    public String key() {
        return id;
    }
}
