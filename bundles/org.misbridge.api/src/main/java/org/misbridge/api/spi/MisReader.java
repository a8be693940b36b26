package org.misbridge.api.spi;

import org.misbridge.api.model.Snapshot;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reads one school's data from its MIS. Registered with the {@code school.id} service property
 * so that the school's sync can target it.
 */
@ConsumerType
public interface MisReader {

    /** A short name of the source for logs and status, e.g. {@code oneroster-csv}. */
    String kind();

    /**
     * Reads the whole snapshot. Areas that fail on their own are reported in the snapshot; a read
     * that cannot produce a trustworthy snapshot at all throws.
     */
    Snapshot read() throws MisReadException;
}
