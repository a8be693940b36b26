package org.misbridge.oneroster.provider.internal.audit;

import org.misbridge.api.AuditTrail;
import org.misbridge.api.directory.AuditRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one of the provider's actions to the school's audit trail ({@code school:audit}) and then the
 * {@code org.misbridge.audit} log line, in the store's format: the line follows the stored record, so
 * it never names an action the trail lacks.
 */
public final class ProviderAudit {
    private static final Logger AUDIT = LoggerFactory.getLogger("org.misbridge.audit");
    /** {@code school:export-oneroster}: the bulk set written to the export folder. */
    public static final String EXPORT = "export-oneroster";
    /** The bulk set downloaded over HTTP by a client. */
    public static final String DOWNLOAD = "oneroster bulk.zip";
    /** {@code school:oneroster-clients revoke}. */
    public static final String REVOKE = "oneroster-clients revoke";

    private ProviderAudit() {
    }

    /** Appends the record to the school's trail, then logs it; a failure of the trail reaches the caller unlogged. */
    public static void record(AuditTrail trail, String schoolId, AuditRecord record) {
        trail.audit(schoolId, record);
        AUDIT.info("user={} school={} action={} target={} count={}", record.actor(), schoolId, record.action(),
                record.target(), record.affected());
    }
}
