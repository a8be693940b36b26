package org.misbridge.api.model;

import java.util.List;
import java.util.Objects;

/** A parent or carer with their contact details; how they relate to each student is a {@link ContactLink}. */
public record Contact(
        String id,
        String givenName,
        String familyName,
        List<Email> emails,
        List<Telephone> telephones) {

    public Contact {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(givenName, "givenName");
        Objects.requireNonNull(familyName, "familyName");
        emails = List.copyOf(emails);
        telephones = List.copyOf(telephones);
    }
}
