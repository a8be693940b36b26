package org.misbridge.mis.oneroster.internal;

import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What each OneRoster role makes a user in a school's directory. Every role of the 1.1 and 1.2
 * vocabularies has a meaning here (the README's role table); a role outside them has none, and the
 * reader reports it as a data issue instead of dropping the user silently.
 */
final class Roles {

    /** What a role makes a user. */
    enum Part {
        STUDENT, STAFF, CONTACT;

        final int bit = 1 << ordinal();
    }

    private static final Map<String, Part> MEANING = Map.ofEntries(
            Map.entry("student", Part.STUDENT),
            // the people of the school: teachers and aides, the head, office and site staff, the trust's
            // administrators based there, IT, counsellors and exam invigilators all need the school's messages
            Map.entry("teacher", Part.STAFF),
            Map.entry("aide", Part.STAFF),
            Map.entry("administrator", Part.STAFF), // 1.1 only; 1.2 splits it into the three below
            Map.entry("siteadministrator", Part.STAFF),
            Map.entry("districtadministrator", Part.STAFF),
            Map.entry("systemadministrator", Part.STAFF),
            Map.entry("principal", Part.STAFF),
            Map.entry("counselor", Part.STAFF),
            Map.entry("proctor", Part.STAFF),
            // the family: linked to the students who list them, or whom they list, in agentSourcedIds
            Map.entry("parent", Part.CONTACT),
            Map.entry("guardian", Part.CONTACT),
            Map.entry("relative", Part.CONTACT));

    private Roles() {
    }

    /** The meaning of {@code role} (any case), or null for a role OneRoster does not define. */
    static @Nullable Part meaning(String role) {
        Part part = MEANING.get(role); // files spell roles in lower case: no copy for those, asked per user and enrolment
        return part != null ? part : MEANING.get(role.toLowerCase(Locale.ROOT));
    }
}
