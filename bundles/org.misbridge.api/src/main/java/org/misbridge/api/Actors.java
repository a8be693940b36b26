package org.misbridge.api;

import java.security.AccessController;
import java.security.Principal;
import javax.security.auth.Subject;

/** Who is acting: the user of the Karaf shell session (its JAAS Subject), for audit records. */
public final class Actors {

    private Actors() {
    }

    /** The user name of the calling shell session, or {@code unknown} outside one. */
    @SuppressWarnings("removal") // the Karaf shell runs commands as the session's Subject
    public static String current() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject == null) {
            return "unknown";
        }
        return subject.getPrincipals().stream()
                .filter(p -> p.getClass().getSimpleName().equals("UserPrincipal"))
                .map(Principal::getName).findFirst().orElse("unknown");
    }
}
