package org.misbridge.mis.oneroster.internal;

import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.misbridge.mis.oneroster.internal.RosterRows.EnrollmentRow;

/**
 * A OneRoster enrollments.csv (1.1 or 1.2) read again against the enrolments of the last read, as
 * {@link ChangedUsers} reads users.csv: the file's records hashed without parsing, only those whose
 * bytes differ from the last read's at the same place parsed, each as a whole read parses it. It
 * holds only when the file has as many records as before, the same header, and the same enrolment
 * (sourcedId) at each changed place: a student moved to another class, an enrolment ended or marked
 * to be deleted. Anything else makes every file be read again.
 *
 * @param replaced each changed enrolment's last row, by its key among the kept enrolments
 * @param rows each changed enrolment's new row, by the same key
 * @param digests the digests of the file's records now, for the next read
 */
record ChangedEnrollments(Map<String, EnrollmentRow> replaced, Map<String, EnrollmentRow> rows, byte[] digests) {

    /**
     * The changed enrolments of an enrollments.csv whose records, compared with the last read's
     * digests, are {@code records}; null when they cannot be redone alone.
     *
     * @param keysInOrder the kept enrolments' keys in file order (a repeated sourcedId is kept under a key of its own)
     */
    static @Nullable ChangedEnrollments of(CsvRecords records, RosterRows kept, String[] keysInOrder, Charset charset) {
        List<EnrollmentRow> parsed = keysInOrder.length != kept.enrollments.size() ? null
                : ChangedRecords.parsed(records, kept.enrollments.size(), OneRosterCsvReader.ENROLLMENTS, charset,
                        CsvSetReader.ENROLLMENTS_COLUMNS, kept::enrollment);
        if (parsed == null) {
            return null;
        }
        int[] changed = records.changed();
        Map<String, EnrollmentRow> replaced = new HashMap<>();
        Map<String, EnrollmentRow> rows = new HashMap<>();
        for (int k = 0; k < changed.length; k++) {
            String key = keysInOrder[changed[k] - 1]; // the enrolments are at places 1, 2, ...; the header at 0
            EnrollmentRow before = kept.enrollments.get(key);
            EnrollmentRow after = parsed.get(k);
            if (before == null || !before.id().equals(after.id())) {
                return null;
            }
            if (!before.equals(after)) {
                replaced.put(key, before);
                rows.put(key, after);
            }
        }
        return new ChangedEnrollments(replaced, rows, records.digests());
    }

    /** Puts the new rows over {@code kept}'s, each under its key, so each stays in its place. */
    void applyTo(RosterRows kept) {
        kept.enrollments.putAll(rows);
    }
}
