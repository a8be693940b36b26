package org.misbridge.api.model;

import java.util.Objects;

/** A telephone number as the MIS holds it, not yet validated. */
public record Telephone(String number, TelephoneType type) {
    public Telephone {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(type, "type");
    }
}
