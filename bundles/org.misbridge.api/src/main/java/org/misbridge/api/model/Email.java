package org.misbridge.api.model;

import java.util.Objects;

/** An email address as the MIS holds it, not yet validated. */
public record Email(String address, EmailLocation location) {
    public Email {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(location, "location");
    }
}
