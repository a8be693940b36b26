package org.misbridge.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.directory.SyncRun;

/**
 * How one school's sync is doing, for an operator looking across hundreds of schools; a school whose
 * configuration was refused, or that has no reader, is here too (MISCONFIGURED, NO_READER).
 *
 * @param lastGoodRead when the last successful sync started
 * @param nextRun when the next scheduled sync fires (null when on demand only or paused)
 * @param schedule the schedule in words, e.g. "06:00, 11:00 Europe/London"
 * @param cause why the state is not OK, in words an operator can act on
 */
public record SchoolHealth(String schoolId, State state, @Nullable Instant lastGoodRead, @Nullable SyncRun lastRun,
        @Nullable Instant nextRun, String schedule, @Nullable String cause) {

    public enum State {
        /** The last scheduled read happened and succeeded. */
        OK,
        /** A scheduled read was due and no good read has happened since. */
        STALE,
        /** The last sync failed: the MIS refused us, a file was broken, the store was down. */
        FAILING,
        /** The last sync was refused by the deletion threshold and waits for an operator. */
        REFUSED,
        /** The whole school is paused. */
        PAUSED,
        /** No sync has run yet. */
        NEVER_SYNCED,
        /**
         * A configuration of the school was refused (an invalid schedule, a credential written in plain text, a
         * bad base URL, another school's id...): the cause names the file, the key and what was wrong.
         */
        MISCONFIGURED,
        /** The school's sync is configured but has no MIS reader: none configured, or its feature not installed. */
        NO_READER
    }
}
