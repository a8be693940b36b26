package org.misbridge.sync.command;

import java.security.AccessController;
import java.security.Principal;
import javax.security.auth.Subject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail of destructive console commands: who, which school, what, how many. Written to
 * its own logger ({@code org.misbridge.audit}) so an operator can route it to a separate file.
 */
final class Audit {

    private static final Logger AUDIT = LoggerFactory.getLogger("org.misbridge.audit");

    private Audit() {
    }

    static void record(String school, String action, String target, int count) {
        AUDIT.info("user={} school={} action={} target={} count={}", user(), school, action, target, count);
    }

    @SuppressWarnings("removal") // the Karaf shell runs commands as the session's Subject
    private static String user() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject == null) {
            return "unknown";
        }
        return subject.getPrincipals().stream()
                .filter(p -> p.getClass().getSimpleName().equals("UserPrincipal"))
                .map(Principal::getName).findFirst().orElse("unknown");
    }
}
