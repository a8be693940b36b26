package org.misbridge.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where the requests of one {@link FaultProxy} connection begin, whatever the reads: a head is held back until its blank line, then its Content-Length says
 * how much body follows. A chunked body (or bytes that are not HTTP) is passed on as it comes, and the next
 * request is looked for where a read starts, as the best that can be done without parsing chunks.
 */
final class RequestFraming {
    private static final String REQUEST_LINE = "[A-Z]{3,7} \\S+ HTTP/1\\.[01]";
    private static final int MAX_HEAD = 64 * 1024;
    private static final int BLANK_LINE = 0x0d0a0d0a;
    private static final Pattern CONTENT_LENGTH =
            Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");
    private static final Pattern CHUNKED =
            Pattern.compile("(?im)^transfer-encoding:.*chunked");

    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private boolean headComplete;
    private long bodyLeft;
    private boolean unframed;
    private boolean firstLineSeen;
    private int lastFour;

    /** A read that starts with a request line ends an unframed stretch. */
    void readStarts(byte[] buffer, int n) {
        if (unframed && head.size() == 0 && requestLine(buffer, n) != null) {
            unframed = false;
        }
    }

    /** How many of the next {@code available} bytes are body (or unframed) and go on as they are. */
    int bodyBytes(int available) {
        if (unframed) {
            return available;
        }
        int k = (int) Math.min(bodyLeft, available);
        bodyLeft -= k;
        return k;
    }

    /** Takes head bytes from {@code from} up to its blank line (or {@code n}); returns where it stopped. */
    int collectHead(byte[] buffer, int from, int n) {
        int at = from;
        while (at < n && !headComplete) {
            byte b = buffer[at++];
            head.write(b);
            lastFour = (lastFour << 8) | (b & 0xff);
            if (!firstLineSeen && b == '\n') {
                firstLineSeen = true;
                byte[] held = head.toByteArray();
                if (requestLine(held, held.length) == null) {
                    headComplete = true; // not an HTTP request: passed on unframed
                    unframed = true;
                }
            } else if (lastFour == BLANK_LINE) {
                headComplete = true;
            } else if (head.size() > MAX_HEAD) {
                headComplete = true;
                unframed = true;
            }
        }
        return at;
    }

    /** The complete head, to go on (or be faulted), with the body it announces now expected; else null. */
    byte @Nullable [] takeHead() {
        if (!headComplete) {
            return null;
        }
        byte[] bytes = head.toByteArray();
        head.reset();
        headComplete = false;
        firstLineSeen = false;
        lastFour = 0;
        if (!unframed) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            Matcher length = CONTENT_LENGTH.matcher(text);
            if (CHUNKED.matcher(text).find()) {
                unframed = true;
            } else {
                bodyLeft = length.find() ? Long.parseLong(length.group(1)) : 0;
            }
        }
        return bytes;
    }

    /** A head begun but not finished when the client stopped sending. */
    byte[] heldBack() {
        byte[] bytes = head.toByteArray();
        head.reset();
        return bytes;
    }

    /** The request line when the bytes start a request (a method, a space, a target), else null. */
    static @Nullable String requestLine(byte[] buffer, int n) {
        int end = 0;
        while (end < n && end < 8192 && buffer[end] != '\r' && buffer[end] != '\n') {
            end++;
        }
        String line = new String(buffer, 0, end, StandardCharsets.ISO_8859_1);
        return line.matches(REQUEST_LINE) ? line : null;
    }
}
