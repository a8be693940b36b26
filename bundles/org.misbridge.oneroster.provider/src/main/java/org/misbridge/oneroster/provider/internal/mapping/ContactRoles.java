package org.misbridge.oneroster.provider.internal.mapping;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The OneRoster role of a contact, from the relationship the MIS gives as free text. OneRoster has
 * three roles for the adults around a student: {@code parent}, {@code guardian} and
 * {@code relative}. A contact whose relationship is not given is a {@code parent}: most contacts are,
 * and a OneRoster source never gives one.
 */
final class ContactRoles {
    static final String PARENT = "parent";
    static final String GUARDIAN = "guardian";
    static final String RELATIVE = "relative";

    private static final String[] PARENTS = {"mother", "father", "parent", "mum", "dad", "step"};
    private static final String[] GUARDIANS = {"guardian", "carer", "foster", "social worker", "local authority"};

    private ContactRoles() {
    }

    static String roleOf(@Nullable String relationship) {
        if (relationship == null || relationship.isBlank()) {
            return PARENT;
        }
        String text = relationship.toLowerCase(Locale.ROOT);
        // guardian first: "foster parent" and "parent's partner (carer)" are guardians, not parents
        for (String word : GUARDIANS) {
            if (text.contains(word)) {
                return GUARDIAN;
            }
        }
        if (text.contains("grand")) {
            return RELATIVE; // before parents: a grandmother is not a mother here
        }
        for (String word : PARENTS) {
            if (text.contains(word)) {
                return PARENT;
            }
        }
        return RELATIVE;
    }
}
