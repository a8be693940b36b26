package org.misbridge.mis.oneroster.internal;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.mis.oneroster.internal.RosterRows.UserRow;

/**
 * A OneRoster 1.1 users.csv read again against the users of the last read, when it is the one file
 * that changed: the users whose rows differ, each with its last row. It holds only when the file
 * has the same users on the same rows (a user added, removed or moved makes every file be read
 * again). Each row is read and checked exactly as a whole read does, so a bad value fails the same.
 *
 * @param replaced each changed user's id and its last row, for {@link SnapshotPatch}
 * @param rows each changed user's new row
 */
record ChangedUsers(Map<String, @Nullable UserRow> replaced, Map<String, UserRow> rows) {

    /** Thrown inside the parse to stop it once a row is not the last read's user of that row. */
    private static final class NotInPlace extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotInPlace() {
            super(null, null, false, false);
        }
    }

    /** The changed users of {@code in} against {@code kept}'s, or null when the users are not the same on the same rows. */
    static @Nullable ChangedUsers read(InputStream in, Charset charset, RosterRows kept, Collection<String> required)
            throws MisReadException {
        Iterator<UserRow> last = kept.users.values().iterator();
        Map<String, @Nullable UserRow> replaced = new HashMap<>();
        Map<String, UserRow> rows = new HashMap<>();
        try {
            CsvTable.read(OneRosterCsvReader.USERS, in, charset, required, row -> {
                UserRow user = kept.user(OneRosterCsvReader.USERS, row, false);
                if (!last.hasNext()) {
                    throw new NotInPlace();
                }
                UserRow before = last.next();
                if (!before.id().equals(user.id())) {
                    throw new NotInPlace();
                }
                if (!before.equals(user)) {
                    replaced.put(user.id(), before);
                    rows.put(user.id(), user);
                }
            });
        } catch (NotInPlace moved) {
            return null; // the parse closed the file
        }
        return last.hasNext() ? null : new ChangedUsers(replaced, rows);
    }

    /** Puts the new rows over {@code kept}'s: each in its user's place, as every user is where it was. */
    void applyTo(RosterRows kept) {
        kept.users.putAll(rows);
    }
}
