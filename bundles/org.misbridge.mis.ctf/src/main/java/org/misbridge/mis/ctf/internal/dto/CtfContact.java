package org.misbridge.mis.ctf.internal.dto;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.model.Email;
import org.misbridge.api.model.ParentalResponsibility;
import org.misbridge.api.model.Telephone;

/**
 * One {@code Contacts/Contact} of one pupil, as listed for that pupil.
 *
 * @param order            the contact's {@code Order} (1 = first to call); 0 when the file gives none
 * @param responsibility   {@code Responsible} (or {@code Responsibility}); UNKNOWN when absent
 * @param relationship     the CBDS relationship code as written, e.g. {@code PAR}
 */
public record CtfContact(int order, String forename, String surname, @Nullable String relationship,
        ParentalResponsibility responsibility, List<Telephone> telephones, List<Email> emails) {

    public CtfContact {
        Objects.requireNonNull(forename, "forename");
        Objects.requireNonNull(surname, "surname");
        Objects.requireNonNull(responsibility, "responsibility");
        telephones = List.copyOf(telephones);
        emails = List.copyOf(emails);
    }
}
