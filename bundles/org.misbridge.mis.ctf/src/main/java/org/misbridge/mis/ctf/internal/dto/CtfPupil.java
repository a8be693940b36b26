package org.misbridge.mis.ctf.internal.dto;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One {@code Pupil} of a CTF or ATF file, checked.
 *
 * @param id                the student id: the UPN, or for an ATF applicant without one {@code atf-<ApplicationReference>}
 * @param upn               the UPN in upper case, when given
 * @param yearGroup         {@code BasicDetails/NCyearActual}
 * @param registrationGroup {@code RegGroup}, a supplier extension; the DfE schema has no registration group
 * @param accept            an ATF's {@code Admissions/Accept}; null when absent or in a CTF
 */
public record CtfPupil(String id, @Nullable String upn, String forename, String surname,
        @Nullable String yearGroup, @Nullable String registrationGroup, @Nullable Boolean accept,
        List<CtfContact> contacts, List<CtfSchoolStay> history) {

    public CtfPupil {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(forename, "forename");
        Objects.requireNonNull(surname, "surname");
        contacts = List.copyOf(contacts);
        history = List.copyOf(history);
    }
}
