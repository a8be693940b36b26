package org.misbridge.sync.command;

import org.jspecify.annotations.Nullable;
import org.misbridge.api.directory.OptOut;

/** Reads the --student / --contact choice of school:optout and school:optin. */
final class OptOutTarget {

    private OptOutTarget() {
    }

    /** The target, or null after telling the operator that exactly one of the options is needed. */
    static @Nullable OptOut of(@Nullable String student, @Nullable String contact) {
        if ((student == null) == (contact == null)) {
            System.err.println("Give exactly one of --student ID or --contact ID (before the school id).");
            return null;
        }
        return student != null ? new OptOut(OptOut.Kind.STUDENT, student) : new OptOut(OptOut.Kind.CONTACT, contact);
    }

    static String describe(OptOut who) {
        return (who.kind() == OptOut.Kind.STUDENT ? "student " : "contact ") + who.id();
    }
}
