package dev.patchbay.host.plugin;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The constant pool of a class file in a byte array, indexed once: where each constant starts and its tag. A UTF8
 * constant is decoded only when asked for, and then kept. Bounds are checked, so malformed bytes give an
 * {@link IOException} or {@link IndexOutOfBoundsException}, never a wrong answer. Not thread-safe.
 */
final class ConstantPool {

    static final byte UTF8 = 1;
    static final byte CLASS = 7;
    static final byte FIELDREF = 9;
    static final byte METHODREF = 10;
    static final byte INTERFACE_METHODREF = 11;
    static final byte NAME_AND_TYPE = 12;
    static final byte METHOD_HANDLE = 15;
    static final byte METHOD_TYPE = 16;
    static final byte DYNAMIC = 17;
    static final byte INVOKE_DYNAMIC = 18;

    private static final int MAGIC = 0xCAFEBABE;

    private final byte[] bytes;
    private final int length;
    private final int[] offsets;
    private final byte[] tags;
    private final String[] strings;
    private final int end;

    /** @throws IOException if the bytes do not start a class file or the pool is malformed or truncated */
    ConstantPool(byte[] bytes, int length) throws IOException {
        this.bytes = bytes;
        this.length = length;
        if (length < 10 || u4(0) != MAGIC) {
            throw new IOException("not a class file: it does not start with 0xCAFEBABE");
        }
        int count = u2(8);
        offsets = new int[count];
        tags = new byte[count];
        strings = new String[count];
        int pos = 10;
        for (int i = 1; i < count; i++) {
            offsets[i] = pos;
            byte tag = bytes[pos];
            tags[i] = tag;
            switch (tag) {
                case 1 -> pos += 3 + u2(pos + 1);
                case 7, 8, 16, 19, 20 -> pos += 3;
                case 3, 4, 9, 10, 11, 12, 17, 18 -> pos += 5;
                case 15 -> pos += 4;
                case 5, 6 -> {
                    pos += 9;
                    i++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at index " + i);
            }
        }
        if (pos > length) {
            throw new IOException("truncated class file (" + length + " bytes)");
        }
        end = pos;
    }

    /** The offset of the first byte after the pool: the access flags. */
    int end() {
        return end;
    }

    int count() {
        return tags.length;
    }

    byte tag(int index) {
        return index > 0 && index < tags.length ? tags[index] : 0;
    }

    /** The offset of constant {@code index}'s tag byte. */
    int offset(int index) {
        return offsets[index];
    }

    String className(int index) throws IOException {
        if (tag(index) != CLASS) {
            throw new IOException("constant pool index " + index + " is not a class entry");
        }
        return utf8(u2(offsets[index] + 1));
    }

    String utf8(int index) throws IOException {
        if (tag(index) != UTF8) {
            throw new IOException("constant pool index " + index + " is not a UTF8 entry");
        }
        String s = strings[index];
        if (s == null) {
            s = decode(offsets[index] + 1);
            strings[index] = s;
        }
        return s;
    }

    /** The name of the {@code NameAndType} constant at {@code index}. */
    String nameOf(int nameAndType) throws IOException {
        return utf8(u2(checked(nameAndType, NAME_AND_TYPE) + 1));
    }

    /** The descriptor of the {@code NameAndType} constant at {@code index}. */
    String descriptorOf(int nameAndType) throws IOException {
        return utf8(u2(checked(nameAndType, NAME_AND_TYPE) + 3));
    }

    private int checked(int index, byte tag) throws IOException {
        if (tag(index) != tag) {
            throw new IOException("constant pool index " + index + " is not of tag " + tag);
        }
        return offsets[index];
    }

    /** Modified UTF-8 at the length field {@code at}; ASCII, by far the common case, without a decoder. */
    private String decode(int at) throws IOException {
        int size = u2(at);
        if (at + 2 + size > length) {
            throw new IOException("truncated class file (" + length + " bytes)");
        }
        for (int i = at + 2; i < at + 2 + size; i++) {
            if (bytes[i] <= 0) {
                return new DataInputStream(new ByteArrayInputStream(bytes, at, size + 2)).readUTF();
            }
        }
        return new String(bytes, at + 2, size, StandardCharsets.ISO_8859_1);
    }

    int u1(int at) {
        if (at >= length) {
            throw new IndexOutOfBoundsException(at);
        }
        return bytes[at] & 0xFF;
    }

    int u2(int at) {
        if (at + 2 > length) {
            throw new IndexOutOfBoundsException(at);
        }
        return (bytes[at] & 0xFF) << 8 | bytes[at + 1] & 0xFF;
    }

    int u4(int at) {
        return u2(at) << 16 | u2(at + 2);
    }
}
