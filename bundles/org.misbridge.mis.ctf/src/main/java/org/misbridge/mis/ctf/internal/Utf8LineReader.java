package org.misbridge.mis.ctf.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding that knows the line of a bad byte. The XML parser reads ahead, so its own
 * position is lines away when the decoder meets bytes that are not UTF-8; this reader hands over
 * every character before the bad bytes first and counts their line feeds, then fails with the
 * line the bad bytes are on. (An {@code InputStreamReader} drops the characters it decoded in the
 * same call, so it cannot tell.)
 */
final class Utf8LineReader extends Reader {

    /** Bytes that are not UTF-8, on a known line. */
    static final class NotUtf8 extends IOException {
        private static final long serialVersionUID = 1L;
        private final int line;

        NotUtf8(int line, CharacterCodingException cause) {
            super("bytes that are not UTF-8 on line " + line, cause);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
    private boolean eof;
    private int lineFeeds;
    private int badLength; // > 0 once bad bytes were met; the next read fails

    Utf8LineReader(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (badLength > 0) {
            throw new NotUtf8(lineFeeds + 1, new MalformedInputException(badLength));
        }
        if (length == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(buffer, offset, length);
        while (true) {
            CoderResult result = decoder.decode(bytes, out, eof);
            if (result.isError()) {
                badLength = result.length();
                break;
            }
            if (result.isOverflow() || out.position() > offset) {
                break;
            }
            if (eof) {
                decoder.flush(out);
                break;
            }
            fill();
        }
        int n = out.position() - offset;
        if (n == 0) {
            if (badLength > 0) {
                throw new NotUtf8(lineFeeds + 1, new MalformedInputException(badLength));
            }
            return -1;
        }
        for (int i = offset; i < offset + n; i++) {
            if (buffer[i] == '\n') {
                lineFeeds++;
            }
        }
        return n;
    }

    private void fill() throws IOException {
        bytes.compact();
        int read = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        if (read < 0) {
            eof = true;
        } else {
            bytes.position(bytes.position() + read);
        }
        bytes.flip();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
