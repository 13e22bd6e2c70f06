package dev.patchbay.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable sequence of bytes: the bytes value type of a {@link Row}.
 *
 * @since 1.0.0
 */
public final class Bytes {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final byte[] bytes;

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Returns bytes holding a copy of the given array.
     *
     * @param bytes the bytes to copy
     * @return the immutable bytes
     */
    public static Bytes of(byte[] bytes) {
        return new Bytes(Objects.requireNonNull(bytes, "bytes").clone());
    }

    /**
     * Returns the number of bytes.
     *
     * @return the length, zero or more
     */
    public int size() {
        return bytes.length;
    }

    /**
     * Returns the byte at an index.
     *
     * @param index from zero to {@code size() - 1}
     * @return the byte
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    public byte get(int index) {
        return bytes[Objects.checkIndex(index, bytes.length)];
    }

    /**
     * Returns a fresh copy of the bytes.
     *
     * @return a new array the caller owns
     */
    public byte[] toArray() {
        return bytes.clone();
    }

    /**
     * Returns the bytes as lower-case hexadecimal.
     *
     * @return two characters per byte
     */
    public String toHex() {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bytes that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Bytes[" + bytes.length + "]";
    }
}
