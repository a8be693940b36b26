package org.misbridge.api.model;

import java.time.ZoneId;
import java.util.Objects;

/** A school as configured on the host: its id (used in every row and config file), name and time zone. */
public record School(String id, String name, ZoneId timeZone) {
    public School {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timeZone, "timeZone");
    }
}
