package org.misbridge.mis.oneroster.internal;

import java.security.MessageDigest;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The records of a CSV file found in its bytes as they stream past, without parsing them, each with
 * the SHA-256 of its bytes (after any UTF-8 BOM, which the parser skips), its line break included.
 * A record ends at a line break outside double quotes, which is where the parser ends it too in a
 * file that keeps to RFC 4180 strictly; anything else (a blank line, which the parser skips, or a
 * quote in the middle of a value, which it takes as text) is noticed, and the records are then not
 * used ({@link #strict}).
 *
 * <p>Given the digests of the last read ({@code kept}), it also keeps the bytes of each record
 * whose digest differs from the kept one at the same place, and of the header, so only those need parsing.
 */
final class CsvRecords {

    static final int DIGEST_BYTES = 32;
    private static final byte[] NOTHING = new byte[0];

    private final MessageDigest digest = FileDigests.sha256();
    private final byte @Nullable [] kept;
    private byte[] digests;
    private int count;

    private final byte[] bom = new byte[3];
    private int bomSeen;
    private boolean bomDone;
    private boolean lineStart = true;
    private boolean inRecord;
    // RFC 4180 state: within a quoted value, just after a quote in one, at a value's start
    private boolean quotedValue;
    private boolean quotePending;
    private boolean valueStart = true;
    private boolean crPending;
    private boolean strict = true;

    private final byte[] one = new byte[DIGEST_BYTES];

    // with kept digests: the bytes of the record being read that came in earlier pieces, and those of the changed records
    private final Bytes current = new Bytes(256);
    private final Bytes changedBytes = new Bytes(4096);
    private int[] changed = new int[64];
    private int changedCount;
    private boolean headerChanged;

    /** Records of a first read: their digests only. */
    CsvRecords() {
        this(null);
    }

    /** Records compared, place by place, with the {@code kept} digests of the last read. */
    CsvRecords(byte @Nullable [] kept) {
        this.kept = kept;
        // sized as the last read's: a file read again mostly has as many records, and growing a large
        // array by doubling allocates it afresh each time (each a humongous object for G1, some 8 MiB
        // at 100,000 students, which can start a collection)
        this.digests = new byte[kept != null && kept.length > 0 ? kept.length : DIGEST_BYTES * 1024];
    }

    /** The next bytes of the file. */
    void feed(byte[] bytes, int from, int length) {
        int end = from + length;
        int i = from;
        while (!bomDone && i < end) {
            bom(bytes[i++]);
        }
        int run = i; // the first byte not yet added to the record being read
        for (; i < end; i++) {
            if (!lineStart && !crPending) {
                // within a value, a byte changes nothing but that a value has begun: runs of them are
                // skipped whole (a users.csv of 100,000 students is some 30 million bytes)
                if (!quotedValue) {
                    int j = i;
                    while (j < end && plain(bytes[j])) {
                        j++;
                    }
                    if (j > i) {
                        valueStart = false;
                        i = j;
                    }
                } else if (!quotePending) {
                    while (i < end && bytes[i] != '"') {
                        i++;
                    }
                }
                if (i == end) {
                    break;
                }
            }
            byte b = bytes[i];
            boolean outside = step(b);
            boolean lineBreak = outside && (b == '\n' || b == '\r');
            if (crPending) {
                crPending = false;
                if (b == '\n') {
                    lineStart = true; // the LF of a CRLF
                    continue;
                }
                strict = false; // a carriage return alone
                lineStart = true;
            }
            if (lineStart) {
                if (lineBreak) {
                    strict = false; // a blank line: the parser skips it, and this framing does not follow it there
                } else {
                    if (inRecord) {
                        digest.update(bytes, run, i - run);
                        finish(bytes, run, i - run);
                    }
                    inRecord = true;
                    run = i;
                }
            }
            if (outside && b == '\r') {
                crPending = true;
                lineStart = false;
            } else {
                lineStart = lineBreak;
            }
        }
        if (inRecord) {
            // the record goes on into the next bytes: hash what is here, and keep it while its digest is unknown
            digest.update(bytes, run, end - run);
            if (kept != null) {
                current.add(bytes, run, end - run);
            }
        }
    }

    /** A byte with no meaning to RFC 4180 outside a quoted value. */
    private static boolean plain(byte b) {
        return b != '"' && b != ',' && b != '\n' && b != '\r';
    }

    /**
     * Moves the RFC 4180 state past {@code b}; true when {@code b} is outside any quoted value. A
     * quote that opens anywhere but at a value's start, or a closing quote followed by anything
     * but a comma or a line break, makes the file not strict.
     */
    private boolean step(byte b) {
        if (quotedValue) {
            if (!quotePending) {
                quotePending = b == '"';
                return false;
            }
            quotePending = false;
            if (b == '"') {
                return false; // a doubled quote: a quote within the value
            }
            quotedValue = false;
            if (b != ',' && b != '\n' && b != '\r') {
                strict = false;
            }
        }
        if (b == '"') {
            if (valueStart) {
                quotedValue = true;
            } else {
                strict = false;
            }
            valueStart = false;
        } else {
            valueStart = b == ',' || b == '\n' || b == '\r';
        }
        return true;
    }

    /** The first bytes, held until they are known to be a UTF-8 BOM (which the parser skips) or not. */
    private void bom(byte b) {
        bom[bomSeen++] = b;
        boolean prefix = (bom[0] & 0xff) == 0xEF && (bomSeen < 2 || (bom[1] & 0xff) == 0xBB)
                && (bomSeen < 3 || (bom[2] & 0xff) == 0xBF);
        if (prefix && bomSeen < 3) {
            return;
        }
        bomDone = true;
        if (!prefix) {
            feed(bom, 0, bomSeen);
        }
    }

    /** Ends the record being read, whose last bytes are {@code tail[from, from + length)}, hashed already. */
    private void finish(byte[] tail, int from, int length) {
        try {
            digest.digest(one, 0, DIGEST_BYTES);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("a SHA-256 digest is 32 bytes", e);
        }
        if ((count + 1) * DIGEST_BYTES > digests.length) {
            digests = Arrays.copyOf(digests, digests.length * 2);
        }
        System.arraycopy(one, 0, digests, count * DIGEST_BYTES, DIGEST_BYTES);
        if (kept != null) {
            if (count == 0) {
                // the header leads the file of changed records, whether or not it changed
                changedBytes.add(current.array, 0, current.size);
                changedBytes.add(tail, from, length);
                headerChanged = !sameAsKept(0, one);
            } else if (!sameAsKept(count, one)) {
                if (changedCount == changed.length) {
                    changed = Arrays.copyOf(changed, changedCount * 2);
                }
                changed[changedCount++] = count;
                changedBytes.add(current.array, 0, current.size);
                changedBytes.add(tail, from, length);
            }
            current.size = 0;
        }
        count++;
        inRecord = false;
    }

    private boolean sameAsKept(int index, byte[] d) {
        byte[] k = kept;
        if (k == null || (index + 1) * DIGEST_BYTES > k.length) {
            return false;
        }
        return Arrays.equals(d, 0, DIGEST_BYTES, k, index * DIGEST_BYTES, (index + 1) * DIGEST_BYTES);
    }

    /** Ends the stream: the last record is complete. Call once, after the last byte. */
    void end() {
        if (!bomDone) {
            bomDone = true;
            feed(bom, 0, bomSeen);
        }
        if (inRecord) {
            finish(NOTHING, 0, 0);
        }
        if ((quotedValue && !quotePending) || crPending) {
            strict = false; // a quoted value never closed, or a carriage return alone at the end
        }
    }

    /** The records found, the header included. */
    int count() {
        return count;
    }

    /**
     * Whether the whole file kept to RFC 4180 strictly: no blank line, no carriage return alone,
     * every quote opening a value or within a quoted one. Only then do these records start where the
     * parser's do, so only then are they used.
     */
    boolean strict() {
        return strict;
    }

    /** Every record's digest, in order. */
    byte[] digests() {
        if (digests.length == count * DIGEST_BYTES) {
            return digests; // filled exactly, and no more bytes come: no copy of it
        }
        return Arrays.copyOf(digests, count * DIGEST_BYTES);
    }

    /** With kept digests: whether the header differs from the kept one. */
    boolean headerChanged() {
        return headerChanged;
    }

    /** With kept digests: the places (the header being 0) of the other records that differ from the kept ones, in order. */
    int[] changed() {
        return Arrays.copyOf(changed, changedCount);
    }

    /** With kept digests: the header's bytes, then each changed record's, in order, as a file to parse. */
    byte[] changedFile() {
        return changedBytes.toArray();
    }

    /** A growing byte buffer; one thread uses it, so unlike {@code ByteArrayOutputStream} it takes no lock. */
    private static final class Bytes {
        private byte[] array;
        private int size;

        Bytes(int capacity) {
            array = new byte[capacity];
        }

        void add(byte[] bytes, int from, int length) {
            if (size + length > array.length) {
                array = Arrays.copyOf(array, Math.max(array.length * 2, size + length));
            }
            System.arraycopy(bytes, from, array, size, length);
            size += length;
        }

        byte[] toArray() {
            return Arrays.copyOf(array, size);
        }
    }
}
