package org.misbridge.api;

import java.util.List;
import org.misbridge.api.directory.FeedState;
import org.misbridge.api.directory.PendingEntry;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A school's outbox: what a sync (or a deletion) stored for a feed in its own transaction, waiting
 * until the feed's consumer has taken it, and the feed's state. Entries are written only by the
 * {@link Directory} and {@link DeletionQueue} changes they belong to; this port reads and clears them.
 */
@ProviderType
public interface Outbox {

    /** The oldest unacknowledged entries of a topic, in order, at most {@code limit}. */
    List<PendingEntry> pending(String schoolId, String topic, int limit);

    int pendingCount(String schoolId, String topic);

    /** Removes the topic's entries up to and including {@code throughSeq}; returns how many. */
    int acknowledge(String schoolId, String topic, long throughSeq);

    FeedState feedState(String schoolId, String topic);

    /**
     * Records the outcome of a push (last push, last error). Whether the feed is initialised is not
     * taken from {@code state}: only the first full export sets it, so a push that read the state
     * before that export committed cannot undo it.
     */
    void recordFeedState(String schoolId, String topic, FeedState state);
}
