package org.misbridge.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.misbridge.api.directory.SyncRun;
import org.osgi.annotation.versioning.ProviderType;

/** The configured schools and their syncs, for commands and other bundles. */
@ProviderType
public interface SyncService {

    /**
     * A configured school: its id, name, reader kind, the parts of its sync that are paused, and
     * whether its reader now reads deltas (only what changed since its last read).
     */
    record SchoolInfo(String id, String name, String readerKind, Set<String> paused, boolean readsDeltas) {
        public SchoolInfo {
            paused = Set.copyOf(paused);
        }

        /** A school whose reader reads whole. */
        public SchoolInfo(String id, String name, String readerKind, Set<String> paused) {
            this(id, name, readerKind, paused, false);
        }
    }

    List<SchoolInfo> schools();

    Optional<SchoolInfo> school(String schoolId);

    /**
     * Runs one sync of the school now, waiting while another sync of the same school finishes.
     *
     * @throws IllegalArgumentException if no such school is configured
     */
    SyncRun sync(String schoolId);

    /**
     * Runs one sync with options: a dry run applies and records nothing; a forced run is approved
     * past the deletion threshold once.
     *
     * @throws IllegalArgumentException if no such school is configured
     */
    SyncRun sync(String schoolId, SyncOptions options);

    /**
     * As {@link #sync(String, SyncOptions)}, telling {@code progress} as each step (waiting for
     * another sync, read, planned, applied) is done, on the calling thread.
     *
     * @throws IllegalArgumentException if no such school is configured
     */
    SyncRun sync(String schoolId, SyncOptions options, SyncProgress progress);

    /** Every configured school's health, by school id. */
    List<SchoolHealth> health();

    /**
     * Runs work on the school's directory while no sync of the school runs (and none starts), e.g. a
     * deletion batch that must not interleave with a sync's plan and apply.
     *
     * @throws IllegalArgumentException if no such school is configured
     */
    <T> T exclusively(String schoolId, Supplier<T> work);
}
