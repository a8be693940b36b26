package org.misbridge.security.internal;

import org.misbridge.api.UnsafeCharacters;

/**
 * A user name as someone typed it at a login prompt, made safe for one log line: escaped as every
 * other printed value is ({@link UnsafeCharacters}), and short.
 */
final class Printable {

    private static final int MAX = 64;

    private Printable() {
    }

    static String of(String text) {
        int codePoints = text.codePointCount(0, text.length());
        String head = codePoints > MAX ? text.substring(0, text.offsetByCodePoints(0, MAX)) : text;
        return UnsafeCharacters.escape(head) + (codePoints > MAX ? "…" : "");
    }
}
