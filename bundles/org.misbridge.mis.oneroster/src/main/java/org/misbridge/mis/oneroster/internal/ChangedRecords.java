package org.misbridge.mis.oneroster.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.spi.MisReadException;

/**
 * The records of a file read again ({@link CsvRecords} against the last read's digests) that differ
 * at their place, parsed each exactly as a whole read parses it: what {@link ChangedUsers} and
 * {@link ChangedEnrollments} are made from.
 */
final class ChangedRecords {

    /** One data row made into the record a whole read makes of it. */
    @FunctionalInterface
    interface Parse<T> {
        T row(CsvTable.Row row) throws MisReadException;
    }

    /** Thrown inside the parse to stop it once it found more records than the framing did. */
    private static final class NotInPlace extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotInPlace() {
            super(null, null, false, false);
        }
    }

    private ChangedRecords() {
    }

    /**
     * The changed records in file order, one for each of {@link CsvRecords#changed}; null when they
     * cannot be read alone: a file framed loosely, a new header, not {@code keptRows} data rows as
     * before, or a changed record a whole read would refuse (the whole read then says why).
     */
    static <T> @Nullable List<T> parsed(CsvRecords records, int keptRows, String file, Charset charset,
            Collection<String> required, Parse<T> parse) {
        if (!records.strict() || records.headerChanged() || records.count() != keptRows + 1) {
            return null;
        }
        int[] changed = records.changed();
        List<T> parsed = new ArrayList<>(changed.length);
        if (changed.length == 0) {
            return parsed;
        }
        try {
            CsvTable.read(file, new ByteArrayInputStream(records.changedFile()), charset, required, row -> {
                if (parsed.size() >= changed.length) {
                    throw new NotInPlace();
                }
                parsed.add(parse.row(row));
            });
        } catch (NotInPlace | MisReadException notAlone) {
            return null;
        }
        return parsed.size() == changed.length ? parsed : null;
    }
}
