package dev.patchbay.host.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the calls that end the JVM, {@code java/lang/System.exit(I)V}, {@code java/lang/Runtime.exit(I)V} and
 * {@code java/lang/Runtime.halt(I)V}, in the constant pool of a class file, without loading the class.
 *
 * <p>Every invocation of a method, and every method reference ({@code System::exit}, a {@code MethodHandle}
 * constant that an {@code invokedynamic} bootstrap receives), needs a {@code Methodref} constant naming the class,
 * the method and its descriptor, so a class without such a constant cannot call the method directly. Reflection
 * and method handles looked up by name ({@code findStatic(System.class, "exit", ...)}) are not found.
 *
 * <p>The scan reads the constant pool only and stops before the fields and methods: from a stream it reads (and
 * so inflates) a class file only as far as the end of its pool, 4 KB at a time. The first pass records where
 * each entry starts, comparing only UTF8 entries of the right lengths with the five names, byte for byte (the
 * names are ASCII, so their modified UTF-8 is their ASCII bytes); the second pass, which resolves each
 * {@code Methodref}, runs only when the pool holds both a class name and a method name of interest. Nothing is
 * allocated per constant; the offset table is reused across classes. Not thread-safe: one discovery task owns an
 * instance.
 */
final class ExitCallScanner {

    /** The calls, in the order they are reported. */
    enum Call {
        SYSTEM_EXIT("java.lang.System.exit"),
        RUNTIME_EXIT("java.lang.Runtime.exit"),
        RUNTIME_HALT("java.lang.Runtime.halt");

        private final String display;

        Call(String display) {
            this.display = display;
        }

        /** The call as an operator reads it, such as {@code java.lang.System.exit}. */
        String display() {
            return display;
        }

        int bit() {
            return 1 << ordinal();
        }

        /** The calls of a mask returned by {@link #scan}, in declaration order. */
        static List<Call> of(int mask) {
            List<Call> calls = new ArrayList<>(3);
            for (Call call : values()) {
                if ((mask & call.bit()) != 0) {
                    calls.add(call);
                }
            }
            return calls;
        }
    }

    private static final int MAGIC = 0xCAFEBABE;
    private static final int UTF8 = 1;
    private static final int CLASS = 7;
    private static final int METHODREF = 10;
    private static final int NAME_AND_TYPE = 12;

    private static final byte[] SYSTEM = ascii("java/lang/System");
    private static final byte[] RUNTIME = ascii("java/lang/Runtime");
    private static final byte[] EXIT = ascii("exit");
    private static final byte[] HALT = ascii("halt");
    private static final byte[] INT_TO_VOID = ascii("(I)V");

    /** How much more of a stream {@link #have} reads when it needs more. */
    private static final int CHUNK = 4096;

    /** Where each constant starts in the class file; 0 for the unusable second slot of a long or double. */
    private int[] offsets = new int[512];
    /** The reused buffer that streams are read into. */
    private byte[] buffer = new byte[16 * 1024];
    /** The class file scanned, {@link #buffer} or the caller's array; its first {@link #filled} bytes are read. */
    private byte[] bytes;
    private int filled;
    /** The size of the class file being scanned. */
    private int size;
    /** The stream still to read from, or null. */
    private InputStream in;

    /**
     * The calls that the class file references, as a mask of {@link Call#bit()}s; 0 when it references none.
     * Bytes that are not a well-formed constant pool also give 0: the JVM would refuse to load such a class
     * (discovery reports a malformed factory class itself, as CORRUPT_ARCHIVE).
     *
     * @param classFile the class file in {@code classFile[0]} to {@code classFile[length - 1]}
     */
    int scan(byte[] classFile, int length) {
        bytes = classFile;
        filled = length;
        size = length;
        try {
            return scan();
        } catch (IOException e) {
            throw new UncheckedIOException("no stream to read, yet reading failed", e);
        } finally {
            bytes = null;
        }
    }

    /**
     * As {@link #scan(byte[], int)}, reading the class file from the stream only as far as the end of its constant
     * pool, in chunks, into a buffer reused across classes.
     *
     * @param length the size of the class file, or -1 if unknown
     */
    int scan(InputStream stream, long length) throws IOException {
        if (length < 0 || length > Integer.MAX_VALUE - 8) {
            byte[] all = stream.readAllBytes();
            return scan(all, all.length);
        }
        if (buffer.length < length) {
            buffer = new byte[(int) Math.max(length, Math.min(Integer.MAX_VALUE - 8, 2L * buffer.length))];
        }
        bytes = buffer;
        filled = 0;
        size = (int) length;
        in = stream;
        try {
            return scan();
        } finally {
            in = null;
            bytes = null;
        }
    }

    private int scan() throws IOException {
        if (!have(10) || u4(bytes, 0) != MAGIC) {
            return 0;
        }
        int count = u2(bytes, 8);
        if (offsets.length < count) {
            offsets = new int[Math.max(count, offsets.length * 2)];
        }
        int[] at = offsets;
        boolean methodName = false;
        boolean className = false;
        int pos = 10;
        for (int i = 1; i < count; i++) {
            if (!have(pos + 3)) { // the shortest constant that is not last takes 3 bytes, a tag and a u2
                return 0;
            }
            at[i] = pos;
            switch (bytes[pos]) {
                case UTF8 -> {
                    int length = u2(bytes, pos + 1);
                    int start = pos + 3;
                    pos = start + length;
                    if (!have(pos)) {
                        return 0;
                    }
                    if (length == EXIT.length) {
                        methodName |= is(bytes, start, EXIT) || is(bytes, start, HALT);
                    } else if (length == SYSTEM.length) {
                        className |= is(bytes, start, SYSTEM);
                    } else if (length == RUNTIME.length) {
                        className |= is(bytes, start, RUNTIME);
                    }
                }
                case CLASS, 8, 16, 19, 20 -> pos += 3; // Class, String, MethodType, Module, Package
                case 3, 4, 9, METHODREF, 11, NAME_AND_TYPE, 17, 18 -> pos += 5;
                case 5, 6 -> { // Long and Double take two slots
                    pos += 9;
                    if (++i < count) {
                        at[i] = 0;
                    }
                }
                case 15 -> pos += 4; // MethodHandle: refers to a Methodref, which this scan inspects
                default -> {
                    return 0;
                }
            }
        }
        if (!have(pos) || !methodName || !className) {
            return 0;
        }
        int mask = 0;
        for (int i = 1; i < count; i++) {
            if (at[i] != 0 && bytes[at[i]] == METHODREF) {
                mask |= call(bytes, count, u2(bytes, at[i] + 1), u2(bytes, at[i] + 3));
            }
        }
        return mask;
    }

    /** Whether the first {@code end} bytes are there, reading more from the stream, a chunk at a time, if need be. */
    private boolean have(int end) throws IOException {
        if (end <= filled) {
            return true;
        }
        if (in == null || end > size) {
            return false;
        }
        int target = Math.min(size, Math.max(end, filled + CHUNK));
        while (filled < target) {
            int read = in.read(bytes, filled, target - filled);
            if (read < 0) {
                return false;
            }
            filled += read;
        }
        return true;
    }

    private int call(byte[] bytes, int count, int classIndex, int nameAndTypeIndex) {
        int owner = utf8(bytes, count, reference(bytes, count, classIndex, CLASS, 1));
        int nameAndType = entry(bytes, count, nameAndTypeIndex, NAME_AND_TYPE);
        if (owner < 0 || nameAndType < 0) {
            return 0;
        }
        int name = utf8(bytes, count, u2(bytes, nameAndType + 1));
        int descriptor = utf8(bytes, count, u2(bytes, nameAndType + 3));
        if (name < 0 || descriptor < 0 || !isUtf8(bytes, descriptor, INT_TO_VOID)) {
            return 0;
        }
        boolean exit = isUtf8(bytes, name, EXIT);
        if (isUtf8(bytes, owner, SYSTEM)) {
            return exit ? Call.SYSTEM_EXIT.bit() : 0;
        }
        if (isUtf8(bytes, owner, RUNTIME)) {
            return exit ? Call.RUNTIME_EXIT.bit() : isUtf8(bytes, name, HALT) ? Call.RUNTIME_HALT.bit() : 0;
        }
        return 0;
    }

    /** The offset of constant {@code index} when it has the tag, or -1. */
    private int entry(byte[] bytes, int count, int index, int tag) {
        return index > 0 && index < count && offsets[index] != 0 && bytes[offsets[index]] == tag ? offsets[index] : -1;
    }

    /** The index that the constant {@code index} of this tag holds at {@code field} bytes after its tag, or 0. */
    private int reference(byte[] bytes, int count, int index, int tag, int field) {
        int offset = entry(bytes, count, index, tag);
        return offset < 0 ? 0 : u2(bytes, offset + field);
    }

    /** The offset of the length field of UTF8 constant {@code index}, or -1. */
    private int utf8(byte[] bytes, int count, int index) {
        int offset = entry(bytes, count, index, UTF8);
        return offset < 0 ? -1 : offset + 1;
    }

    /** Whether the bytes at {@code offset} are {@code expected} (the caller has checked the length). */
    private static boolean is(byte[] bytes, int offset, byte[] expected) {
        return Arrays.equals(bytes, offset, offset + expected.length, expected, 0, expected.length);
    }

    /** Whether the UTF8 constant whose length field is at {@code offset} is {@code expected}. */
    private static boolean isUtf8(byte[] bytes, int offset, byte[] expected) {
        return u2(bytes, offset) == expected.length && is(bytes, offset + 2, expected);
    }

    private static int u2(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) << 8 | bytes[offset + 1] & 0xFF;
    }

    private static int u4(byte[] bytes, int offset) {
        return u2(bytes, offset) << 16 | u2(bytes, offset + 2);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
