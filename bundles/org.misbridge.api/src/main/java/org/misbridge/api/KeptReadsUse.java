package org.misbridge.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The heap a host's MIS readers keep their last reads in between syncs, shared by every school
 * (OneRoster CSV deltas {@code auto}), for the metrics an operator sizes that budget by. The bundle
 * whose readers keep reads registers one; with none registered, no reads are kept this way.
 */
@ProviderType
public interface KeptReadsUse {

    /** What the reads kept now are counted at, in bytes. */
    long usedBytes();

    /** The budget they share, in bytes. */
    long budgetBytes();

    /** How many schools' reads are kept now. */
    int keptReads();

    /**
     * How many kept reads the budget has let go since the host started: each went before its school's
     * next read could use it, and that school keeps none for the rest of its day.
     */
    long letGo();
}
