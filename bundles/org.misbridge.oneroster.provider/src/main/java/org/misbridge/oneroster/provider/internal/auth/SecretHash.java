package org.misbridge.oneroster.provider.internal.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A client secret as the provider keeps it: PBKDF2-HMAC-SHA256 with a random salt, so the secret
 * itself is not in memory after activation, and a presented secret is compared in constant time.
 */
public final class SecretHash {
    /** A client secret is machine-made: shorter than this is refused. */
    public static final int MIN_LENGTH = 20;
    private static final int ITERATIONS = 60_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] salt;
    private final byte[] hash;

    private SecretHash(byte[] salt, byte[] hash) {
        this.salt = salt;
        this.hash = hash;
    }

    public static SecretHash of(String secret) {
        if (secret.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the clientSecret is shorter than " + MIN_LENGTH
                    + " characters; make one with e.g. openssl rand -base64 32");
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new SecretHash(salt, derive(secret, salt));
    }

    /** Whether {@code presented} is the secret; the time taken does not depend on where they differ. */
    public boolean matches(String presented) {
        return MessageDigest.isEqual(hash, derive(presented, salt));
    }

    private static byte[] derive(String secret, byte[] salt) {
        char[] chars = secret.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, ITERATIONS, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available (" + e.getClass().getSimpleName() + ")");
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }

    /** SHA-256 of a text, for keys that must not be the text itself (bearer tokens in the token table). */
    static byte[] sha256(String text) {
        try {
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(text));
            return MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(bytes.array(), bytes.limit()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "SecretHash[PBKDF2]"; // never the bytes
    }
}
