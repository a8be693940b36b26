package org.misbridge.mis.oneroster.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.model.ReadIssue;
import org.misbridge.api.spi.MisReadException;

/**
 * The files of a set that the snapshot does not use (demographics.csv, 1.2 userProfiles.csv) and
 * manifest entries for such files: read through so that a broken one is reported, but a problem
 * there never refuses a sync. The first problem of a file becomes one issue naming file, row and
 * column, and the rest of that file is skipped.
 */
final class UnusedFiles {

    /** The data issue kind of a problem in a file the snapshot does not use. */
    static final String KIND = "unused-file";

    private static final String WENT_ON = " (the file is not used, so the sync went on)";

    private UnusedFiles() {
    }

    static ReadIssue issue(String source, long row, @Nullable String column, String problem) {
        return new ReadIssue(KIND, source, row, column, null, problem + WENT_ON);
    }

    /** Reads {@code file} through; its first problem is added to {@code issues}. */
    static void readThrough(String file, InputStream in, Charset charset, Collection<String> required,
            CsvTable.RowHandler handler, List<ReadIssue> issues) {
        try {
            CsvTable.read(file, in, charset, required, handler);
        } catch (MisReadException e) {
            issues.add(issue(e.source(), e.row(), e.column(), e.reason()));
        }
    }

    /** A file the manifest lists but the set does not hold. */
    static ReadIssue missing(String file, String mode) {
        return issue(file, 0, null, "is missing from the OneRoster set, though " + OneRosterCsvReader.MANIFEST
                + " lists it as " + mode);
    }

    /** Closes quietly: a file that is only read through must not fail the read when closing fails. */
    static void close(@Nullable InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // nothing of it was used
            }
        }
    }
}
