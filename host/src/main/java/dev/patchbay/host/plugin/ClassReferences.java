package dev.patchbay.host.plugin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one class file declares and what it links against, read from its bytes without loading it: its name,
 * super class, interfaces, declared fields and methods, the classes it references (every {@code CONSTANT_Class},
 * and the class names in the descriptors of the members it references, of its {@code MethodType} and
 * {@code invokedynamic} constants, and of its own fields and methods), and the fields and methods it references
 * with their descriptors. Array types count as their element type. Immutable.
 */
final class ClassReferences {

    static final int ACC_INTERFACE = 0x0200;
    private static final int ACC_VARARGS = 0x0080;
    private static final int ACC_NATIVE = 0x0100;

    /** A field or method reference; {@code owner} is an internal class name (an array's element type for arrays). */
    record MemberRef(boolean field, boolean onInterface, String owner, String name, String descriptor) {
        MemberRef {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(descriptor, "descriptor");
        }

        /** The member as Java source names it: {@code void a.B.run(java.lang.String, int)} or {@code int a.B.size}. */
        String display() {
            return Descriptors.display(owner, name, descriptor);
        }
    }

    private final String name;
    private final String superName;
    private final List<String> interfaces;
    private final int accessFlags;
    private final Set<String> fields;
    private final Set<String> methods;
    private final Set<String> polymorphic;
    private final Set<String> classes;
    private final Set<MemberRef> members;

    private ClassReferences(String name, String superName, List<String> interfaces, int accessFlags,
            Set<String> fields, Set<String> methods, Set<String> polymorphic, Set<String> classes,
            Set<MemberRef> members) {
        this.name = name;
        this.superName = superName;
        // The parser hands over sets nobody else holds: wrapping them saves a copy per class on discovery's path.
        this.interfaces = Collections.unmodifiableList(interfaces);
        this.accessFlags = accessFlags;
        this.fields = Collections.unmodifiableSet(fields);
        this.methods = Collections.unmodifiableSet(methods);
        this.polymorphic = Collections.unmodifiableSet(polymorphic);
        this.classes = Collections.unmodifiableSet(classes);
        this.members = Collections.unmodifiableSet(members);
    }

    String name() {
        return name;
    }

    /** Empty only for {@code java/lang/Object} and module-info. */
    Optional<String> superName() {
        return Optional.ofNullable(superName);
    }

    List<String> interfaces() {
        return interfaces;
    }

    boolean isInterface() {
        return (accessFlags & ACC_INTERFACE) != 0;
    }

    /** Whether the class declares a field of this name and descriptor. */
    boolean declaresField(String fieldName, String descriptor) {
        return fields.contains(fieldName + ":" + descriptor);
    }

    /** Whether the class declares this method, or a signature-polymorphic one of this name (JVMS 2.9.3). */
    boolean declaresMethod(String methodName, String descriptor) {
        return methods.contains(methodName + descriptor) || polymorphic.contains(methodName);
    }

    /** The internal names of the classes referenced, without the class itself. */
    Set<String> classes() {
        return classes;
    }

    Set<MemberRef> members() {
        return members;
    }

    /**
     * Parses a class file.
     *
     * @throws IOException if the bytes are not a well-formed class file; the message says what is wrong
     */
    static ClassReferences parse(byte[] bytes, int length) throws IOException {
        Objects.requireNonNull(bytes, "bytes");
        try {
            return new Parser(bytes, Math.min(length, bytes.length)).parse();
        } catch (IndexOutOfBoundsException e) {
            throw new IOException("truncated or malformed class file (" + length + " bytes)", e);
        }
    }

    static ClassReferences parse(byte[] bytes) throws IOException {
        return parse(bytes, bytes.length);
    }

    /** Walks a class file once, after its constant pool, collecting declarations and references. */
    private static final class Parser {
        private final ConstantPool pool;
        private int pos;

        Parser(byte[] bytes, int length) throws IOException {
            this.pool = new ConstantPool(bytes, length);
            this.pos = pool.end();
        }

        ClassReferences parse() throws IOException {
            int access = pool.u2(pos);
            String self = pool.className(pool.u2(pos + 2));
            int superIndex = pool.u2(pos + 4);
            String superName = superIndex == 0 ? null : pool.className(superIndex);
            int interfaceCount = pool.u2(pos + 6);
            pos += 8;
            List<String> interfaces = new ArrayList<>(interfaceCount);
            for (int i = 0; i < interfaceCount; i++, pos += 2) {
                interfaces.add(pool.className(pool.u2(pos)));
            }
            Set<String> classes = new HashSet<>();
            Set<String> fields = new HashSet<>();
            int fieldCount = pool.u2(pos);
            pos += 2;
            for (int i = 0; i < fieldCount; i++) {
                String fieldName = pool.utf8(pool.u2(pos + 2));
                String descriptor = pool.utf8(pool.u2(pos + 4));
                fields.add(fieldName + ":" + descriptor);
                Descriptors.addClasses(descriptor, classes);
                pos += 6;
                skipAttributes();
            }
            Set<String> methods = new HashSet<>();
            Set<String> polymorphic = new HashSet<>();
            int methodCount = pool.u2(pos);
            pos += 2;
            for (int i = 0; i < methodCount; i++) {
                int flags = pool.u2(pos);
                String methodName = pool.utf8(pool.u2(pos + 2));
                String descriptor = pool.utf8(pool.u2(pos + 4));
                methods.add(methodName + descriptor);
                if ((flags & (ACC_VARARGS | ACC_NATIVE)) == (ACC_VARARGS | ACC_NATIVE)
                        && descriptor.startsWith("([Ljava/lang/Object;)")) {
                    polymorphic.add(methodName);
                }
                Descriptors.addClasses(descriptor, classes);
                pos += 6;
                skipAttributes();
            }
            Set<MemberRef> members = new LinkedHashSet<>();
            referencedConstants(classes, members);
            classes.remove(self);
            return new ClassReferences(self, superName, interfaces, access, fields, methods, polymorphic, classes,
                    members);
        }

        private void referencedConstants(Set<String> classes, Set<MemberRef> members) throws IOException {
            for (int i = 1; i < pool.count(); i++) {
                int at = pool.offset(i);
                switch (pool.tag(i)) {
                    case ConstantPool.CLASS -> Descriptors.addClassName(pool.className(i), classes);
                    case ConstantPool.FIELDREF, ConstantPool.METHODREF, ConstantPool.INTERFACE_METHODREF -> {
                        MemberRef ref = memberRef(pool, i);
                        members.add(ref);
                        Descriptors.addClasses(ref.descriptor(), classes);
                    }
                    case ConstantPool.METHOD_TYPE -> Descriptors.addClasses(pool.utf8(pool.u2(at + 1)), classes);
                    case ConstantPool.DYNAMIC, ConstantPool.INVOKE_DYNAMIC ->
                            Descriptors.addClasses(pool.descriptorOf(pool.u2(at + 3)), classes);
                    default -> {
                        // other constants name no class
                    }
                }
            }
        }

        private void skipAttributes() {
            int count = pool.u2(pos);
            pos += 2;
            for (int i = 0; i < count; i++) {
                pos += 6 + pool.u4(pos + 2);
            }
        }
    }

    /** The member reference constant at {@code index} (a Fieldref, Methodref or InterfaceMethodref). */
    static MemberRef memberRef(ConstantPool pool, int index) throws IOException {
        int at = pool.offset(index);
        String owner = pool.className(pool.u2(at + 1));
        int nameAndType = pool.u2(at + 3);
        byte tag = pool.tag(index);
        return new MemberRef(tag == ConstantPool.FIELDREF, tag == ConstantPool.INTERFACE_METHODREF,
                owner.startsWith("[") ? "java/lang/Object" : owner, pool.nameOf(nameAndType),
                pool.descriptorOf(nameAndType));
    }
}
