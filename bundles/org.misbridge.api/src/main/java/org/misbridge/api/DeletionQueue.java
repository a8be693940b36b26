package org.misbridge.api;

import java.util.List;
import java.util.Set;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.OutboxEntry;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Members waiting to be deleted from a school's directory, their deletion, and the record of who
 * was deleted (so that an MIS still listing them as leavers does not bring them back).
 */
@ProviderType
public interface DeletionQueue {

    /**
     * Queues members for deletion; they show as deleting until {@link #applyDeletion} removes them.
     *
     * @return how many were not queued already
     */
    int queueDeletion(String schoolId, List<String> memberIds, String actor);

    /**
     * Queues members for deletion as {@code actor} and, in the same transaction, appends the record of
     * it to the school's trail ({@code action}, {@code target}, and how many were queued as its count):
     * whoever asks, a deletion is never queued without its audit record, nor recorded without the queue.
     *
     * @return how many were not queued already
     */
    int queueDeletion(String schoolId, List<String> memberIds, String actor, String action, String target);

    /** The member ids waiting for deletion, oldest first. */
    List<String> deletionQueue(String schoolId);

    /**
     * Deletes in one transaction: the rows of {@code removal} (whatever their origin), the outbox
     * entries it calls for, the queue entries of {@code dequeued}, and a record of each removed
     * member so that an MIS still listing them as leavers does not bring them back.
     */
    void applyDeletion(String schoolId, ChangeSet removal, List<OutboxEntry> outbox, List<String> dequeued);

    /** Ids of members deleted from the school's directory. */
    Set<String> deletedMembers(String schoolId);
}
