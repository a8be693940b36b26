package org.misbridge.mis.oneroster.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.SchoolFolder;
import org.misbridge.api.spi.MisReadException;

/**
 * What a CSV read was made from: every file it opened, by set and name, with the SHA-256 of the
 * bytes it read (none for a file it looked for and did not find). The same files hashed again later
 * tell whether a new read could differ: equal digests mean equal bytes, and the reader's other
 * inputs (encoding, org, limits) are fixed for its life. A digest is of the bytes the parse read
 * itself, not of a second look, so a file rewritten during the read cannot leave a digest that
 * matches records it does not hold.
 */
final class FileDigests {

    /** One file a read opened: its set, its name as asked for, and its digest (null: the set had no such file). */
    record Entry(Path set, String file, @Nullable String sha256) {
    }

    // opened from two threads when a set's classes and enrollments are parsed beside its users; the
    // order then varies, which is harmless: a later look hashes the files again in this list's order
    private final List<Recorded> recorded = Collections.synchronizedList(new ArrayList<>());
    // by file name in lower case; filled before the read starts, only looked up during it
    private final Map<String, CsvRecords> framed = new HashMap<>();

    /** Also finds the records of {@code file} as it is read, into {@code records}. */
    FileDigests framing(String file, CsvRecords records) {
        framed.put(file.toLowerCase(Locale.ROOT), records);
        return this;
    }

    /** {@code source} (the set at {@code set}), with each file it opens recorded and hashed as it is read. */
    CsvSource record(Path set, CsvSource source) {
        return new CsvSource() {
            @Override
            @Nullable InputStream open(String fileName) throws MisReadException, IOException {
                InputStream in = source.open(fileName);
                CsvRecords records = framed.get(fileName.toLowerCase(Locale.ROOT));
                Recorded r = new Recorded(set, fileName, in == null ? null : new Hashing(in, records));
                recorded.add(r);
                return r.stream;
            }

            @Override
            public void close() throws IOException {
                source.close();
            }
        };
    }

    /** The files recorded, or null when one was not read to its end (its digest would not be of the whole file). */
    @Nullable List<Entry> entries() {
        synchronized (recorded) {
            List<Entry> entries = new ArrayList<>(recorded.size());
            for (Recorded r : recorded) {
                if (r.stream != null && !r.stream.ended) {
                    return null;
                }
                entries.add(new Entry(r.set, r.file, r.stream == null ? null : r.stream.hex()));
            }
            return entries;
        }
    }

    /**
     * The same files as they are now, in the same order: each set opened again (under the same
     * checks and limits as a read), each file hashed to its end.
     */
    static List<Entry> again(List<Entry> files, SchoolFolder folder, Limits limits) throws MisReadException, IOException {
        Map<Path, List<Entry>> bySet = new LinkedHashMap<>();
        for (Entry e : files) {
            bySet.computeIfAbsent(e.set(), k -> new ArrayList<>()).add(e);
        }
        List<Entry> now = new ArrayList<>(files.size());
        byte[] buffer = new byte[1 << 16];
        for (Map.Entry<Path, List<Entry>> set : bySet.entrySet()) {
            try (CsvSource source = CsvSource.of(set.getKey(), folder, limits)) {
                for (Entry e : set.getValue()) {
                    InputStream in = source.open(e.file());
                    String sha = null;
                    if (in != null) {
                        try (Hashing h = new Hashing(in, null)) {
                            while (h.read(buffer) >= 0) {
                                // hashed as it is read
                            }
                            sha = h.hex();
                        }
                    }
                    now.add(new Entry(e.set(), e.file(), sha));
                }
            }
        }
        return now;
    }

    private record Recorded(Path set, String file, @Nullable Hashing stream) {
    }

    /**
     * A stream that hashes what is read through it, knows whether it reached the end, and where
     * asked finds the file's records as they pass.
     */
    private static final class Hashing extends FilterInputStream {
        private final MessageDigest digest = sha256();
        private final @Nullable CsvRecords records;
        private boolean ended;

        Hashing(InputStream in, @Nullable CsvRecords records) {
            super(Objects.requireNonNull(in));
            this.records = records;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n < 0) {
                if (!ended && records != null) {
                    records.end();
                }
                ended = true;
            } else {
                digest.update(buffer, offset, n);
                if (records != null) {
                    records.feed(buffer, offset, n);
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // skipped bytes must be hashed too: read them through
            byte[] b = new byte[(int) Math.min(n, 8192)];
            long left = n;
            while (left > 0) {
                int r = read(b, 0, (int) Math.min(left, b.length));
                if (r < 0) {
                    break;
                }
                left -= r;
            }
            return n - left;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        String hex() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
