package org.misbridge.api.directory;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a re-sync loads before it knows what changed: every member and group (small tables the plan
 * reads whole), the rows people made, the blocked details, the data issues, and the digest of each
 * member's family as stored. The rest (links, linked people, details, memberships) is loaded only
 * for the members whose digest changed.
 *
 * @param digests member id to the digest of that member's family as stored (see the sync's
 *        {@code FamilyDigests}); a member without one has never been digested
 * @param importedPeople how many imported linked people the school has (the deletion threshold's base)
 * @param rowsLoaded how many rows this load read
 * @param syncToken the token of the snapshot the rows were last synced from ({@link DigestUpdate#syncToken}),
 *        or null
 * @param complete whether {@code members}, {@code digests}, {@code handMadeLinks}, {@code blockedDetails}
 *        and {@code importedPeople} were loaded (or only the groups, the data issues and the token): a
 *        sync that holds the rest from its last sync and plans from a kept snapshot needs no more, and
 *        loads it only if it has to plan by digests after all
 */
public record SyncBase(
        String schoolId,
        List<Member> members,
        List<DirectoryGroup> groups,
        List<Link> handMadeLinks,
        List<ContactDetail> blockedDetails,
        List<DataIssue> dataIssues,
        Map<String, String> digests,
        long importedPeople,
        long rowsLoaded,
        @Nullable String syncToken,
        boolean complete) {

    public SyncBase {
        Objects.requireNonNull(schoolId, "schoolId");
        members = List.copyOf(members);
        groups = List.copyOf(groups);
        handMadeLinks = List.copyOf(handMadeLinks);
        blockedDetails = List.copyOf(blockedDetails);
        dataIssues = List.copyOf(dataIssues);
        digests = Map.copyOf(digests);
    }

    /**
     * This base with the members, hand-made links, blocked details and count of imported people a
     * sync that held them knows, as the store held them after that sync.
     */
    public SyncBase withKept(List<Member> storedMembers, List<Link> storedHandMadeLinks, List<ContactDetail> storedBlocked,
            long storedImportedPeople) {
        return new SyncBase(schoolId, storedMembers, groups, storedHandMadeLinks, storedBlocked, dataIssues, digests,
                storedImportedPeople, rowsLoaded, syncToken, complete);
    }

    /** A base without a sync token. */
    public SyncBase(String schoolId, List<Member> members, List<DirectoryGroup> groups, List<Link> handMadeLinks,
            List<ContactDetail> blockedDetails, List<DataIssue> dataIssues, Map<String, String> digests, long importedPeople,
            long rowsLoaded) {
        this(schoolId, members, groups, handMadeLinks, blockedDetails, dataIssues, digests, importedPeople, rowsLoaded, null,
                true);
    }
}
