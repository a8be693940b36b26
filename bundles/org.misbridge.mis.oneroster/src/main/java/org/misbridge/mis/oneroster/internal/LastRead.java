package org.misbridge.mis.oneroster.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.SchoolFolder;
import org.misbridge.api.model.ReadIssue;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.spi.MisReadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a CSV read with deltas on keeps for the next ({@code oneroster.csv.deltas}): the sets and
 * files it was made from with their digests, its records and reader issues, its day and snapshot,
 * and where users.csv and enrollments.csv could be framed, their record digests and the keys of
 * their records in file order. The next read on the same day over the same sets asks it to be made
 * {@link #again}.
 *
 * @param files null when a file was not read to its end: nothing is kept then
 * @param users null when users.csv's records cannot be framed ({@link CsvRecords#strict}) or are OneRoster 1.2
 *     ones (whose roles are in roles.csv); its keys are the user ids
 * @param enrollments the same for enrollments.csv; its keys are those of {@link RosterRows#enrollments}
 */
record LastRead(List<Path> sets, @Nullable List<FileDigests.Entry> files, RosterRows rows, List<ReadIssue> readIssues,
        boolean v12, LocalDate day, Snapshot snapshot, @Nullable Framed users, @Nullable Framed enrollments) {

    private static final Logger LOG = LoggerFactory.getLogger(LastRead.class);

    /** A file's record digests ({@link CsvRecords#digests}) and the key of each record in file order. */
    record Framed(byte[] digests, String[] keys) {
    }

    /** One file hashed again with its records compared with the kept ones, and its entry now. */
    private record Reread(CsvRecords records, FileDigests.Entry entry) {
    }

    /**
     * This read made again from what changed in its files since, read at {@code readAt} with
     * {@code assembler}; this very read when nothing did; null when every file must be read.
     */
    @Nullable LastRead again(SchoolFolder folder, Limits zipLimits, Charset charset, SnapshotAssembler assembler, Instant readAt)
            throws MisReadException {
        List<FileDigests.Entry> read = Objects.requireNonNull(files);
        List<FileDigests.Entry> now;
        try {
            now = FileDigests.again(read, folder, zipLimits);
        } catch (IOException e) {
            return null; // the whole read says what cannot be read
        }
        if (now.equals(read)) {
            LOG.debug("{}: the files are as at the last read; its snapshot stands", snapshot.schoolId());
            return this;
        }
        if (sets().size() != 1) {
            return null;
        }
        // each changed file worked out before any is applied: one that cannot be redone alone leaves the rows as they were
        List<FileDigests.Entry> after = new ArrayList<>(now);
        ChangedUsers changedUsers = null;
        ChangedEnrollments changedEnrollments = null;
        for (int i = 0; i < now.size(); i++) {
            FileDigests.Entry file = now.get(i);
            if (file.equals(read.get(i))) {
                continue;
            }
            Reread again;
            if (OneRosterCsvReader.USERS.equals(file.file()) && users() != null && changedUsers == null) {
                again = reread(file, users().digests(), folder, zipLimits);
                changedUsers = again == null ? null
                        : ChangedUsers.of(again.records(), rows(), users().keys(), charset, CsvSetReader.usersColumns(false));
                if (changedUsers == null) {
                    return null;
                }
            } else if (OneRosterCsvReader.ENROLLMENTS.equals(file.file()) && enrollments() != null && changedEnrollments == null) {
                again = reread(file, enrollments().digests(), folder, zipLimits);
                changedEnrollments = again == null ? null
                        : ChangedEnrollments.of(again.records(), rows(), enrollments().keys(), charset);
                if (changedEnrollments == null) {
                    return null;
                }
            } else {
                return null;
            }
            after.set(i, again.entry());
        }
        @Nullable Snapshot made = snapshot();
        if (changedUsers != null) {
            changedUsers.applyTo(rows());
            if (!changedUsers.replaced().isEmpty()) {
                made = SnapshotPatch.patched(assembler, snapshot(), changedUsers.replaced(), rows().users, readAt);
            }
        }
        if (changedEnrollments != null && !changedEnrollments.rows().isEmpty()) {
            changedEnrollments.applyTo(rows());
            if (made != null) {
                made = SnapshotPatch.enrolmentsPatched(assembler, made, rows(), changedEnrollments.replaced().values(),
                        changedEnrollments.rows().values(), day(), readAt);
            }
        }
        if (made == null) { // a user's standing changed: the whole snapshot is assembled again
            assembler.checkOrg(rows(), OneRosterCsvReader.ORGS);
            made = assembler.assemble(rows(), day(), readAt, readIssues());
        }
        LOG.debug("{}: only users.csv or enrollments.csv changed since the last read; {} users and {} enrolments redone",
                snapshot.schoolId(), changedUsers == null ? 0 : changedUsers.replaced().size(),
                changedEnrollments == null ? 0 : changedEnrollments.rows().size());
        return new LastRead(sets(), after, rows(), readIssues(), v12(), day(), made,
                changedUsers == null ? users() : new Framed(changedUsers.digests(), users().keys()),
                changedEnrollments == null ? enrollments() : new Framed(changedEnrollments.digests(), enrollments().keys()));
    }

    /** {@code file} hashed again record by record against the {@code kept} record digests; null when it cannot be. */
    private static @Nullable Reread reread(FileDigests.Entry file, byte[] kept, SchoolFolder folder, Limits zipLimits)
            throws MisReadException {
        if (file.sha256() == null) {
            return null; // the file is gone
        }
        // the file's records hashed as its bytes pass, unparsed; only those that differ are parsed
        CsvRecords records = new CsvRecords(kept);
        FileDigests digests = new FileDigests().framing(file.file(), records);
        try (CsvSource source = digests.record(file.set(), CsvSource.of(file.set(), folder, zipLimits))) {
            InputStream in = source.open(file.file());
            if (in == null) {
                return null;
            }
            try (in) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        } catch (IOException e) {
            return null;
        }
        List<FileDigests.Entry> reread = digests.entries();
        return reread == null ? null : new Reread(records, reread.get(0));
    }
}
