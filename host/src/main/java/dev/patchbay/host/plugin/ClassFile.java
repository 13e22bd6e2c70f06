package dev.patchbay.host.plugin;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The parts of a class file that discovery needs, read without loading the class: access flags, the
 * class, super class and interface names, the methods, and the string elements of the class's
 * runtime-visible annotations. Names are internal names ({@code a/b/C}).
 */
final class ClassFile {

    static final int ACC_PUBLIC = 0x0001;
    static final int ACC_INTERFACE = 0x0200;
    static final int ACC_ABSTRACT = 0x0400;
    static final int ACC_ANNOTATION = 0x2000;
    static final int ACC_ENUM = 0x4000;
    static final int ACC_MODULE = 0x8000;

    private static final int MAGIC = 0xCAFEBABE;

    /** A method's name, descriptor and access flags. */
    record Method(String name, String descriptor, int accessFlags) {
    }

    /** An annotation's type descriptor and its string-valued elements. */
    record Annotation(String typeDescriptor, Map<String, String> strings) {

        Annotation {
            strings = Map.copyOf(strings);
        }
    }

    private final int accessFlags;
    private final String name;
    private final String superName;
    private final List<String> interfaces;
    private final List<Method> methods;
    private final List<Annotation> annotations;

    private ClassFile(int accessFlags, String name, String superName, List<String> interfaces, List<Method> methods,
            List<Annotation> annotations) {
        this.accessFlags = accessFlags;
        this.name = name;
        this.superName = superName;
        this.interfaces = List.copyOf(interfaces);
        this.methods = List.copyOf(methods);
        this.annotations = List.copyOf(annotations);
    }

    int accessFlags() {
        return accessFlags;
    }

    String name() {
        return name;
    }

    /** The super class, empty only for {@code java/lang/Object} and module-info. */
    Optional<String> superName() {
        return Optional.ofNullable(superName);
    }

    List<String> interfaces() {
        return interfaces;
    }

    List<Method> methods() {
        return methods;
    }

    List<Annotation> annotations() {
        return annotations;
    }

    boolean isPublic() {
        return (accessFlags & ACC_PUBLIC) != 0;
    }

    /** Whether the class can be instantiated at all: not an interface, abstract class, annotation or enum. */
    boolean isConcreteClass() {
        return (accessFlags & (ACC_INTERFACE | ACC_ABSTRACT | ACC_ANNOTATION | ACC_ENUM | ACC_MODULE)) == 0;
    }

    boolean hasPublicNoArgConstructor() {
        return methods.stream().anyMatch(m -> m.name().equals("<init>") && m.descriptor().equals("()V")
                && (m.accessFlags() & ACC_PUBLIC) != 0);
    }

    Optional<Annotation> annotation(String typeDescriptor) {
        return annotations.stream().filter(a -> a.typeDescriptor().equals(typeDescriptor)).findFirst();
    }

    /**
     * Parses a class file.
     *
     * @throws IOException if the bytes are not a well-formed class file; the message says what is wrong
     */
    static ClassFile parse(byte[] bytes) throws IOException {
        return parse(bytes, bytes.length);
    }

    /**
     * Parses the first {@code length} bytes of {@code bytes}, such as discovery's reused read buffer.
     *
     * @throws IOException if those bytes are not a well-formed class file; the message says what is wrong
     */
    static ClassFile parse(byte[] bytes, int length) throws IOException {
        Objects.requireNonNull(bytes, "bytes");
        int size = Math.min(length, bytes.length);
        try {
            return new Parser(new DataInputStream(new ByteArrayInputStream(bytes, 0, size))).parse();
        } catch (java.io.EOFException e) {
            throw new IOException("truncated class file (" + size + " bytes)", e);
        } catch (RuntimeException e) {
            throw new IOException("malformed class file: " + e, e);
        }
    }

    private static final class Parser {

        private final DataInputStream in;
        private Object[] pool;

        Parser(DataInputStream in) {
            this.in = in;
        }

        ClassFile parse() throws IOException {
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw new IOException(String.format("not a class file: magic 0x%08X instead of 0xCAFEBABE", magic));
            }
            in.readUnsignedShort(); // minor version
            in.readUnsignedShort(); // major version
            readConstantPool();
            int access = in.readUnsignedShort();
            String name = className(in.readUnsignedShort());
            int superIndex = in.readUnsignedShort();
            String superName = superIndex == 0 ? null : className(superIndex);
            int interfaceCount = in.readUnsignedShort();
            List<String> interfaces = new ArrayList<>(interfaceCount);
            for (int i = 0; i < interfaceCount; i++) {
                interfaces.add(className(in.readUnsignedShort()));
            }
            int fieldCount = in.readUnsignedShort();
            for (int i = 0; i < fieldCount; i++) {
                in.readUnsignedShort();
                in.readUnsignedShort();
                in.readUnsignedShort();
                skipAttributes();
            }
            int methodCount = in.readUnsignedShort();
            List<Method> methods = new ArrayList<>(methodCount);
            for (int i = 0; i < methodCount; i++) {
                int flags = in.readUnsignedShort();
                String methodName = utf8(in.readUnsignedShort());
                String descriptor = utf8(in.readUnsignedShort());
                methods.add(new Method(methodName, descriptor, flags));
                skipAttributes();
            }
            List<Annotation> annotations = new ArrayList<>();
            int attributeCount = in.readUnsignedShort();
            for (int i = 0; i < attributeCount; i++) {
                String attributeName = utf8(in.readUnsignedShort());
                int length = in.readInt();
                if (attributeName.equals("RuntimeVisibleAnnotations")) {
                    int count = in.readUnsignedShort();
                    for (int a = 0; a < count; a++) {
                        annotations.add(readAnnotation());
                    }
                } else {
                    in.skipNBytes(length);
                }
            }
            return new ClassFile(access, name, superName, interfaces, methods, annotations);
        }

        private void readConstantPool() throws IOException {
            int count = in.readUnsignedShort();
            pool = new Object[count];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> pool[i] = in.readUTF();
                    case 7 -> pool[i] = new ClassRef(in.readUnsignedShort());
                    case 8, 16, 19, 20 -> in.readUnsignedShort(); // String, MethodType, Module, Package
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
                    case 5, 6 -> {
                        in.readLong();
                        i++; // long and double take two slots
                    }
                    case 15 -> {
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    default -> throw new IOException("unknown constant pool tag " + tag + " at index " + i);
                }
            }
        }

        private void skipAttributes() throws IOException {
            int count = in.readUnsignedShort();
            for (int i = 0; i < count; i++) {
                in.readUnsignedShort();
                in.skipNBytes(Integer.toUnsignedLong(in.readInt()));
            }
        }

        private Annotation readAnnotation() throws IOException {
            String type = utf8(in.readUnsignedShort());
            int pairs = in.readUnsignedShort();
            Map<String, String> strings = new HashMap<>();
            for (int i = 0; i < pairs; i++) {
                String elementName = utf8(in.readUnsignedShort());
                int tag = in.readUnsignedByte();
                if (tag == 's') {
                    strings.put(elementName, utf8(in.readUnsignedShort()));
                } else {
                    skipElementValue(tag);
                }
            }
            return new Annotation(type, strings);
        }

        private void skipElementValue(int tag) throws IOException {
            switch (tag) {
                case 'B', 'C', 'D', 'F', 'I', 'J', 'S', 'Z', 's', 'c' -> in.readUnsignedShort();
                case 'e' -> {
                    in.readUnsignedShort();
                    in.readUnsignedShort();
                }
                case '@' -> readAnnotation();
                case '[' -> {
                    int count = in.readUnsignedShort();
                    for (int i = 0; i < count; i++) {
                        skipElementValue(in.readUnsignedByte());
                    }
                }
                default -> throw new IOException("unknown annotation element tag '" + (char) tag + "'");
            }
        }

        private String utf8(int index) throws IOException {
            if (index <= 0 || index >= pool.length || !(pool[index] instanceof String s)) {
                throw new IOException("constant pool index " + index + " is not a UTF8 entry");
            }
            return s;
        }

        private String className(int index) throws IOException {
            if (index <= 0 || index >= pool.length || !(pool[index] instanceof ClassRef ref)) {
                throw new IOException("constant pool index " + index + " is not a class entry");
            }
            return utf8(ref.nameIndex());
        }
    }

    private record ClassRef(int nameIndex) {
    }
}
