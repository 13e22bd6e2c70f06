package dev.patchbay.plugins.transforms;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Salted SHA-256 as lower-case hex. Holds one {@link MessageDigest}, so an instance belongs to one
 * processor and is used from one thread at a time.
 */
final class Sha256 {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final MessageDigest digest;
    private final byte[] salt;
    // Reused for every value: the instance is confined to one processor's thread.
    private final byte[] hash = new byte[32];

    Sha256(byte[] salt) {
        this.salt = salt.clone();
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256, so this is a broken runtime, not bad input.
            throw new IllegalStateException("this Java runtime provides no SHA-256 MessageDigest", e);
        }
    }

    /** Returns the hex SHA-256 of the salt followed by the bytes. */
    String hex(byte[] bytes) {
        if (salt.length > 0) {
            digest.update(salt);
        }
        digest.update(bytes);
        try {
            digest.digest(hash, 0, hash.length);
        } catch (DigestException e) {
            // The buffer is exactly the digest length, so this cannot happen with a working provider.
            throw new IllegalStateException("SHA-256 digest did not fit its 32-byte buffer", e);
        }
        byte[] out = new byte[hash.length * 2];
        for (int i = 0; i < hash.length; i++) {
            out[2 * i] = HEX[(hash[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[hash[i] & 0xf];
        }
        // Latin-1 maps each byte to one char and lets the JDK keep the compact representation as is.
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** Returns the hex SHA-256 of the salt followed by the UTF-8 bytes of the text. */
    String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
