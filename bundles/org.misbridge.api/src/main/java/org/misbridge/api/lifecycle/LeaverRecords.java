package org.misbridge.api.lifecycle;

import java.time.Instant;
import java.util.List;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.OutboxEntry;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The store's side of the leaver lifecycle: anonymisation of what is kept about deleted members,
 * archived custom groups, and merged duplicate students. Every method takes the school id and
 * touches only that school's records; each change is one transaction with its audit record.
 */
@ProviderType
public interface LeaverRecords {

    /** Members deleted from the school's directory, oldest first, anonymised or still waiting. */
    List<Erasure> erasures(String schoolId);

    /**
     * Anonymises what is kept about members deleted at or before {@code deletedBefore}: their names,
     * emails and mobiles become {@code XXXX} in wallets, bookings, the audit trail, run messages,
     * data issues and the outbox; delivery feedback about them goes. Irreversible. Audited as
     * {@code actor} when anything was anonymised.
     *
     * @return how many deleted members were anonymised
     */
    int anonymise(String schoolId, Instant deletedBefore, String actor);

    /** The school's custom groups created before {@code createdBefore}: what {@link #archiveGroups} would take. */
    List<ArchivedGroup> groupsToArchive(String schoolId, Instant createdBefore);

    /**
     * Takes the school's custom groups created before {@code createdBefore} out of the directory
     * and keeps them, with their members, as archived. Imported groups follow the MIS and are never
     * archived. Audited as {@code actor}.
     */
    List<ArchivedGroup> archiveGroups(String schoolId, Instant createdBefore, String actor);

    List<ArchivedGroup> archivedGroups(String schoolId);

    /**
     * Merges a duplicate member into the kept one in one transaction: applies {@code rows} (the
     * duplicate's links, details and groups moved to the kept member, the duplicate removed), moves
     * the duplicate's bookings and opt-outs, records the duplicate as deleted so import does not bring
     * it back, stores the outbox entries, and writes the audit record as {@code actor}.
     */
    void merge(String schoolId, String keepId, String duplicateId, ChangeSet rows, List<OutboxEntry> outbox,
            String actor);
}
