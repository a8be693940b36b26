package org.misbridge.mis.oneroster.internal;

import java.nio.charset.Charset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.misbridge.mis.oneroster.internal.RosterRows.UserRow;

/**
 * A OneRoster 1.1 users.csv read again against the users of the last read, when it is the one file
 * that changed. The file's records are found and hashed without parsing ({@link CsvRecords}); only
 * the records whose bytes differ from the last read's at the same place are parsed, each exactly as
 * a whole read parses it. It holds only when the file has as many records as before, the same
 * header, and the same user at each changed place: anything else (a user added, removed or moved,
 * a value a whole read would refuse) makes every file be read again, which then says what is wrong.
 *
 * <p>{@code idsInOrder} are the last read's user ids in file order, so a changed place finds its user
 * without a walk through the records.
 *
 * @param replaced each changed user's id and its last row, for {@link SnapshotPatch}
 * @param rows each changed user's new row
 * @param digests the digests of the file's records now, for the next read
 */
record ChangedUsers(Map<String, @Nullable UserRow> replaced, Map<String, UserRow> rows, byte[] digests) {

    /**
     * The changed users of a users.csv whose records, compared with the last read's digests, are
     * {@code records}; null when they cannot be redone alone.
     */
    static @Nullable ChangedUsers of(CsvRecords records, RosterRows kept, String[] idsInOrder, Charset charset,
            Collection<String> required) {
        if (idsInOrder.length != kept.users.size()) {
            return null;
        }
        int[] changed = records.changed();
        List<UserRow> parsed = ChangedRecords.parsed(records, kept.users.size(), OneRosterCsvReader.USERS, charset, required,
                row -> kept.user(OneRosterCsvReader.USERS, row, false));
        if (parsed == null) {
            return null;
        }
        Map<String, @Nullable UserRow> replaced = new HashMap<>();
        Map<String, UserRow> rows = new HashMap<>();
        for (int k = 0; k < changed.length; k++) {
            UserRow before = kept.users.get(idsInOrder[changed[k] - 1]); // the users are at places 1, 2, ...; the header at 0
            UserRow after = parsed.get(k).atRow(changed[k] + 1L); // its row in the file, not in the changed records
            if (before == null || !before.id().equals(after.id())) {
                return null;
            }
            if (!before.equals(after)) {
                replaced.put(after.id(), before);
                rows.put(after.id(), after);
            }
        }
        return new ChangedUsers(replaced, rows, records.digests());
    }

    /** Puts the new rows over {@code kept}'s: each in its user's place, as every user is where it was. */
    void applyTo(RosterRows kept) {
        kept.users.putAll(rows);
    }
}
