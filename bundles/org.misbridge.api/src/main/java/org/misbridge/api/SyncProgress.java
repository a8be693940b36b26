package org.misbridge.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Hears how a running sync is getting on (read, planned, applied), for a progress line on a console. */
@ConsumerType
@FunctionalInterface
public interface SyncProgress {

    /** Nobody listening. */
    SyncProgress NONE = step -> { };

    /** One step done, in words, e.g. "read 600 students, 1,180 contacts, 40 groups in 1.2 s". */
    void report(String step);
}
