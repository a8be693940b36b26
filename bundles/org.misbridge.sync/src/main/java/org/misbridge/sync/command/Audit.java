package org.misbridge.sync.command;

import java.security.AccessController;
import java.time.Instant;
import java.security.Principal;
import javax.security.auth.Subject;
import org.misbridge.api.Directory;
import org.misbridge.api.directory.AuditRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail of destructive console commands: who, which school, what, how many. Stored with
 * the school (school:audit) and written to its own logger ({@code org.misbridge.audit}).
 */
final class Audit {

    private static final Logger AUDIT = LoggerFactory.getLogger("org.misbridge.audit");

    private Audit() {
    }

    /** Writes the school's audit trail (school:audit) and the audit log line. */
    static void record(Directory directory, String school, String action, String target, int count) {
        String user = user();
        AUDIT.info("user={} school={} action={} target={} count={}", user, school, action, target, count);
        directory.audit(school, new AuditRecord(Instant.now(), user, action, target, count));
    }

    @SuppressWarnings("removal") // the Karaf shell runs commands as the session's Subject
    static String user() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject == null) {
            return "unknown";
        }
        return subject.getPrincipals().stream()
                .filter(p -> p.getClass().getSimpleName().equals("UserPrincipal"))
                .map(Principal::getName).findFirst().orElse("unknown");
    }
}
