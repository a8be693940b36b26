package org.misbridge.sync.command;

import java.time.Instant;
import org.misbridge.api.Actors;
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

    static String user() {
        return Actors.current();
    }
}
