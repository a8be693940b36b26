package org.misbridge.api.spi;

import org.jspecify.annotations.Nullable;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A reader that can tell, without parsing, whether a read now would give the snapshot its last
 * read gave: a file reader hashes its files. The sync keeps the fingerprint of what it last
 * applied with the school's rows, and a sync whose fingerprint, plan settings and day are those of
 * the last one, over rows nothing else has written since, changes nothing and reads nothing.
 */
@ConsumerType
public interface FingerprintedReader extends MisReader {

    /**
     * A cheap mark of the source as it is now (names, sizes and modification times of the files a
     * read would use, with the reader's settings): it differs whenever one of them is written. Null
     * when the reader cannot tell; the sync then reads.
     */
    @Nullable String stamp() throws MisReadException;

    /**
     * The SHA-256, as 64 hex digits, of a canonical form of everything a read now would parse
     * (each file's name, size and bytes) and of every setting and version of the reader that
     * shapes its snapshot: equal fingerprints mean equal snapshots. Null when the reader cannot
     * tell (a file it may not read, a file changing while it was hashed); the sync then reads.
     */
    @Nullable String fingerprint() throws MisReadException;
}
