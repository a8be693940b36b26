package org.misbridge.sync.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Length-prefixed fields: no two different field lists encode to the same bytes. The bytes are
 * those of {@code DataOutputStream}: a tag as one byte, a number as four bytes big-endian, a flag
 * as 1 or 0, a string as its UTF-8 length and bytes; stored digests depend on them staying so. These
 * are the bytes a family digest hashes ({@link FamilyDigests}).
 */
final class FieldEncoder {
    private byte[] buf = new byte[256];
    private int size;

    void reset() {
        size = 0;
    }

    byte[] bytes() {
        return Arrays.copyOf(buf, size);
    }

    void digestInto(MessageDigest sha) {
        sha.update(buf, 0, size);
    }

    void tag(char tag) {
        room(1);
        buf[size++] = (byte) tag;
    }

    void number(int n) {
        room(4);
        buf[size++] = (byte) (n >>> 24);
        buf[size++] = (byte) (n >>> 16);
        buf[size++] = (byte) (n >>> 8);
        buf[size++] = (byte) n;
    }

    void flag(boolean b) {
        room(1);
        buf[size++] = (byte) (b ? 1 : 0);
    }

    /** A string as its UTF-8 length and bytes; null as length -1. */
    void text(@Nullable String s) {
        if (s == null) {
            number(-1);
            return;
        }
        // most values are ASCII, whose UTF-8 bytes are its chars: written without a copy of their own
        int length = s.length();
        room(4 + length);
        int start = size;
        size += 4;
        for (int i = 0; i < length; i++) {
            char ch = s.charAt(i);
            if (ch >= 0x80) {
                size = start;
                utf8(s);
                return;
            }
            buf[size++] = (byte) ch;
        }
        buf[start] = (byte) (length >>> 24);
        buf[start + 1] = (byte) (length >>> 16);
        buf[start + 2] = (byte) (length >>> 8);
        buf[start + 3] = (byte) length;
    }

    private void utf8(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        number(utf8.length);
        room(utf8.length);
        System.arraycopy(utf8, 0, buf, size, utf8.length);
        size += utf8.length;
    }

    private void room(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
