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
 * and where users.csv could be framed, its record digests and user ids in file order. The next read
 * on the same day over the same sets asks it to be made {@link #again}.
 *
 * @param files null when a file was not read to its end: nothing is kept then
 * @param userRecords null when users.csv's records cannot be framed ({@link CsvRecords#strict})
 */
record LastRead(List<Path> sets, @Nullable List<FileDigests.Entry> files, RosterRows rows, List<ReadIssue> readIssues,
        boolean v12, LocalDate day, Snapshot snapshot, byte @Nullable [] userRecords, String[] userIds) {

    private static final Logger LOG = LoggerFactory.getLogger(LastRead.class);
    private static final String USERS = OneRosterCsvReader.USERS;

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
        int changed = -1;
        for (int i = 0; i < now.size(); i++) {
            if (!now.get(i).equals(read.get(i))) {
                if (changed >= 0) {
                    return null;
                }
                changed = i;
            }
        }
        FileDigests.Entry users = now.get(changed);
        byte[] userRecords = userRecords();
        if (userRecords == null || v12() || sets().size() != 1 || !USERS.equals(users.file())
                || users.sha256() == null) {
            return null;
        }
        // the file's records hashed as its bytes pass, unparsed; only those that differ are parsed
        CsvRecords records = new CsvRecords(userRecords);
        FileDigests digests = new FileDigests().framing(USERS, records);
        try (CsvSource source = digests.record(users.set(), CsvSource.of(users.set(), folder, zipLimits))) {
            InputStream in = source.open(USERS);
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
        ChangedUsers redone = reread == null ? null
                : ChangedUsers.of(records, rows(), userIds(), charset, CsvSetReader.usersColumns(false));
        if (redone == null) {
            return null;
        }
        List<FileDigests.Entry> after = new ArrayList<>(now);
        after.set(changed, reread.get(0));
        redone.applyTo(rows());
        Snapshot patched = redone.replaced().isEmpty() ? snapshot()
                : SnapshotPatch.patched(assembler, snapshot(), redone.replaced(), rows().users, readAt);
        if (patched == null) {
            assembler.checkOrg(rows(), OneRosterCsvReader.ORGS);
            patched = assembler.assemble(rows(), day(), readAt, readIssues());
        }
        LOG.debug("{}: only {} changed since the last read; {} users redone", snapshot.schoolId(), USERS, redone.replaced().size());
        return new LastRead(sets(), after, rows(), readIssues(), false, day(), patched,
                redone.digests(), userIds());
    }
}
