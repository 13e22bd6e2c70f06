package dev.patchbay.host.plugin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The slow second pass of the linkage check, run only for a class already known to reference something missing:
 * finds the methods (and fields) whose signature or bytecode uses the missing class or member, so that the message
 * can name them. It walks the instructions of every {@code Code} attribute for the constant pool operands of
 * {@code ldc}, the field and invoke instructions, {@code new}, {@code checkcast}, {@code instanceof} and the array
 * instructions, the exception tables' catch types, and the bootstrap arguments of {@code invokedynamic} (a method
 * reference {@code Foo::bar} is one).
 */
final class ReferenceLocator {

    private static final int[] LENGTHS = lengths();

    private final ConstantPool pool;
    private final boolean[] related;
    private final String missingClass;
    private int pos;

    private ReferenceLocator(ConstantPool pool, String missingClass, ClassReferences.MemberRef missingMember)
            throws IOException {
        this.pool = pool;
        this.missingClass = missingClass;
        this.related = new boolean[pool.count()];
        for (int i = 1; i < pool.count(); i++) {
            related[i] = relates(i, missingMember);
        }
        for (int i = 1; i < pool.count(); i++) {
            if (pool.tag(i) == ConstantPool.METHOD_HANDLE && related[pool.u2(pool.offset(i) + 2)]) {
                related[i] = true;
            }
        }
    }

    /**
     * Where a class uses a missing class ({@code missingClass}, internal name) or a missing member: {@code method
     * run(java.lang.String)} or {@code field cache}, in class file order; empty when nothing but the constant pool
     * names it.
     */
    static List<String> locate(byte[] classFile, String missingClass, ClassReferences.MemberRef missingMember)
            throws IOException {
        try {
            ConstantPool pool = new ConstantPool(classFile, classFile.length);
            return new ReferenceLocator(pool, missingClass, missingMember).walk();
        } catch (IndexOutOfBoundsException e) {
            throw new IOException("truncated or malformed class file (" + classFile.length + " bytes)", e);
        }
    }

    private boolean relates(int index, ClassReferences.MemberRef member) throws IOException {
        byte tag = pool.tag(index);
        int at = pool.offset(index);
        if (tag == ConstantPool.FIELDREF || tag == ConstantPool.METHODREF || tag == ConstantPool.INTERFACE_METHODREF) {
            ClassReferences.MemberRef ref = ClassReferences.memberRef(pool, index);
            return member != null ? ref.equals(member) : ref.owner().equals(missingClass) || mentions(ref.descriptor());
        }
        if (missingClass == null) {
            return false;
        }
        return switch (tag) {
            case ConstantPool.CLASS -> {
                String name = pool.className(index);
                yield name.equals(missingClass) || name.startsWith("[") && mentions(name);
            }
            case ConstantPool.METHOD_TYPE -> mentions(pool.utf8(pool.u2(at + 1)));
            case ConstantPool.DYNAMIC, ConstantPool.INVOKE_DYNAMIC -> mentions(pool.descriptorOf(pool.u2(at + 3)));
            default -> false;
        };
    }

    private boolean mentions(String descriptor) {
        if (missingClass == null) {
            return false;
        }
        Set<String> classes = new HashSet<>();
        Descriptors.addClasses(descriptor, classes);
        return classes.contains(missingClass);
    }

    private List<String> walk() throws IOException {
        pos = pool.end() + 6;
        pos += 2 + 2 * pool.u2(pos);
        int fieldsAt = pos;
        skipMembers();
        int methodsAt = pos;
        skipMembers();
        markBootstrapUses();
        Set<String> found = new LinkedHashSet<>();
        pos = fieldsAt;
        int fieldCount = pool.u2(pos);
        pos += 2;
        for (int i = 0; i < fieldCount; i++) {
            String name = pool.utf8(pool.u2(pos + 2));
            if (mentions(pool.utf8(pool.u2(pos + 4)))) {
                found.add("field " + name);
            }
            pos += 6;
            skipAttributes();
        }
        pos = methodsAt;
        int methodCount = pool.u2(pos);
        pos += 2;
        for (int i = 0; i < methodCount; i++) {
            String name = pool.utf8(pool.u2(pos + 2));
            String descriptor = pool.utf8(pool.u2(pos + 4));
            boolean uses = mentions(descriptor);
            pos += 6;
            int attributes = pool.u2(pos);
            pos += 2;
            for (int a = 0; a < attributes; a++) {
                int length = pool.u4(pos + 2);
                if (pool.utf8(pool.u2(pos)).equals("Code")) {
                    uses |= codeUses(pos + 6);
                }
                pos += 6 + length;
            }
            if (uses) {
                found.add("method " + Descriptors.methodName(name, descriptor));
            }
        }
        return new ArrayList<>(found);
    }

    /** An {@code invokedynamic} whose bootstrap arguments include a related constant is related too. */
    private void markBootstrapUses() throws IOException {
        int attributes = pool.u2(pos);
        int at = pos + 2;
        for (int a = 0; a < attributes; a++) {
            int length = pool.u4(at + 2);
            if (pool.utf8(pool.u2(at)).equals("BootstrapMethods")) {
                int count = pool.u2(at + 6);
                int entry = at + 8;
                List<Integer> relatedMethods = new ArrayList<>();
                for (int m = 0; m < count; m++) {
                    boolean uses = related[pool.u2(entry)];
                    int arguments = pool.u2(entry + 2);
                    for (int k = 0; k < arguments; k++) {
                        uses |= related[pool.u2(entry + 4 + 2 * k)];
                    }
                    if (uses) {
                        relatedMethods.add(m);
                    }
                    entry += 4 + 2 * arguments;
                }
                for (int i = 1; i < pool.count(); i++) {
                    byte tag = pool.tag(i);
                    if ((tag == ConstantPool.INVOKE_DYNAMIC || tag == ConstantPool.DYNAMIC)
                            && relatedMethods.contains(pool.u2(pool.offset(i) + 1))) {
                        related[i] = true;
                    }
                }
            }
            at += 6 + length;
        }
    }

    /** Whether the Code attribute whose body starts at {@code at} uses a related constant. */
    private boolean codeUses(int at) {
        int codeLength = pool.u4(at + 4);
        int start = at + 8;
        int end = start + codeLength;
        int pc = start;
        while (pc < end) {
            int opcode = pool.u1(pc);
            int operand = switch (opcode) {
                case 0x12 -> pool.u1(pc + 1);
                case 0x13, 0x14, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xbb, 0xbd, 0xc0, 0xc1, 0xc5 ->
                        pool.u2(pc + 1);
                default -> 0;
            };
            if (operand > 0 && operand < related.length && related[operand]) {
                return true;
            }
            pc += length(opcode, pc, start);
        }
        int handlers = pool.u2(end);
        for (int h = 0; h < handlers; h++) {
            int catchType = pool.u2(end + 2 + 8 * h + 6);
            if (catchType > 0 && catchType < related.length && related[catchType]) {
                return true;
            }
        }
        return false;
    }

    private int length(int opcode, int pc, int codeStart) {
        int fixed = LENGTHS[opcode];
        if (fixed > 0) {
            return fixed;
        }
        int aligned = codeStart + ((pc - codeStart + 4) & ~3); // the operands start 4-aligned from the code

        return switch (opcode) {
            case 0xaa -> aligned - pc + 12 + 4 * (pool.u4(aligned + 8) - pool.u4(aligned + 4) + 1);
            case 0xab -> aligned - pc + 8 + 8 * pool.u4(aligned + 4);
            case 0xc4 -> pool.u1(pc + 1) == 0x84 ? 6 : 4;
            default -> throw new IndexOutOfBoundsException("unknown opcode " + opcode + " at " + (pc - codeStart));
        };
    }

    private void skipMembers() {
        int count = pool.u2(pos);
        pos += 2;
        for (int i = 0; i < count; i++) {
            pos += 6;
            skipAttributes();
        }
    }

    private void skipAttributes() {
        int count = pool.u2(pos);
        pos += 2;
        for (int i = 0; i < count; i++) {
            pos += 6 + pool.u4(pos + 2);
        }
    }

    /** Instruction lengths by opcode; 0 for the variable-length ones and for opcodes that do not exist. */
    private static int[] lengths() {
        int[] lengths = new int[256];
        for (int op = 0x00; op <= 0xc3; op++) {
            lengths[op] = 1;
        }
        for (int op : new int[] {0x10, 0x12, 0x15, 0x16, 0x17, 0x18, 0x19, 0x36, 0x37, 0x38, 0x39, 0x3a, 0xa9,
                0xbc}) {
            lengths[op] = 2;
        }
        for (int op = 0x99; op <= 0xa8; op++) {
            lengths[op] = 3;
        }
        for (int op : new int[] {0x11, 0x13, 0x14, 0x84, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xbb, 0xbd,
                0xc0, 0xc1, 0xc6, 0xc7}) {
            lengths[op] = 3;
        }
        lengths[0xb9] = 5;
        lengths[0xba] = 5;
        lengths[0xc5] = 4;
        lengths[0xc8] = 5;
        lengths[0xc9] = 5;
        lengths[0xaa] = 0;
        lengths[0xab] = 0;
        lengths[0xc4] = 0;
        return lengths;
    }
}
