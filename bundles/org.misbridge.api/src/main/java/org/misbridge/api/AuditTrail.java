package org.misbridge.api;

import java.util.List;
import org.misbridge.api.directory.AuditRecord;
import org.misbridge.api.directory.ChangeSet;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A school's audit trail: who changed what by hand. The changes that are audited write their record
 * in their own transaction (see {@link Directory#edit(String, ChangeSet, AuditRecord)}); this port
 * reads the trail and appends what has no change of its own in the store.
 */
@ProviderType
public interface AuditTrail {

    /** Appends to the school's audit trail, which nothing deletes. */
    void audit(String schoolId, AuditRecord record);

    /** The school's audit trail, newest first, at most {@code limit} entries. */
    List<AuditRecord> auditTrail(String schoolId, int limit);
}
