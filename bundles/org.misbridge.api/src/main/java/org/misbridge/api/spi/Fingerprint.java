package org.misbridge.api.spi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 over a canonical form of values and byte streams, for {@link FingerprintedReader}s and
 * the sync's inputs token: each value goes in with its length in front and each stream with the
 * size it was stamped with, so no two different lists of values and files give the same form.
 */
public final class Fingerprint {

    private final MessageDigest sha;

    public Fingerprint() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Adds one value. */
    public Fingerprint add(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) ':');
        sha.update(bytes);
        return this;
    }

    /**
     * Adds {@code size}, then exactly the bytes of {@code in} (which it closes); false when the
     * stream did not hold {@code size} bytes (a file written while it was hashed), and the
     * fingerprint is then not to be used.
     */
    public boolean add(InputStream in, long size) throws IOException {
        add(Long.toString(size));
        byte[] buffer = new byte[1 << 16];
        long seen = 0;
        try (in) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
                seen += n;
            }
        }
        return seen == size;
    }

    /** The digest as 64 hex digits; the fingerprint is done with. */
    public String hex() {
        return HexFormat.of().formatHex(sha.digest());
    }
}
