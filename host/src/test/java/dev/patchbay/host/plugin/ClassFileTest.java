package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.host.testing.PluginJarBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClassFileTest {

    private static final Map<String, byte[]> CLASSES = PluginJarBuilder.compile(Map.of(
            "com.example.cf.Annotated", """
                    package com.example.cf;
                    import dev.patchbay.api.*;
                    @Deprecated
                    @Extension(name = "annotated", description = "with \\u00e9 and \\"quotes\\"")
                    public class Annotated extends Base implements ProcessorFactory, java.io.Serializable {
                        private static final long serialVersionUID = 1L;
                        static final long BIG = 1234567890123L;
                        static final double PI = 3.14;
                        public Annotated() { }
                        public java.util.List<Setting> settings() { return java.util.List.of(); }
                        public Processor create(Settings s, ExtensionContext c) {
                            Runnable r = () -> System.out.println(BIG + PI);
                            r.run();
                            return (record, out) -> out.emit(record);
                        }
                    }
                    """,
            "com.example.cf.Base", """
                    package com.example.cf;
                    abstract class Base { Base() { } }
                    """,
            "com.example.cf.NoDefault", """
                    package com.example.cf;
                    public final class NoDefault { public NoDefault(int x) { } private NoDefault() { } }
                    """,
            "com.example.cf.Face", """
                    package com.example.cf;
                    public interface Face { }
                    """),
            List.of());

    private static ClassFile parse(String className) throws IOException {
        return ClassFile.parse(CLASSES.get(className.replace('.', '/') + ".class"));
    }

    @Test
    void readsNamesSupertypesFlagsConstructorsAndAnnotation() throws IOException {
        ClassFile annotated = parse("com.example.cf.Annotated");
        assertThat(annotated.name()).isEqualTo("com/example/cf/Annotated");
        assertThat(annotated.superName()).contains("com/example/cf/Base");
        assertThat(annotated.interfaces()).containsExactly("dev/patchbay/api/ProcessorFactory", "java/io/Serializable");
        assertThat(annotated.isPublic()).isTrue();
        assertThat(annotated.isConcreteClass()).isTrue();
        assertThat(annotated.hasPublicNoArgConstructor()).isTrue();
        assertThat(annotated.annotation("Ldev/patchbay/api/Extension;")).hasValueSatisfying(annotation ->
                assertThat(annotation.strings()).containsEntry("name", "annotated")
                        .containsEntry("description", "with \u00e9 and \"quotes\""));
        assertThat(annotated.annotation("Ljava/lang/Deprecated;")).isPresent();
    }

    @Test
    void recognisesAbstractPackagePrivateAndInterfaceTypes() throws IOException {
        ClassFile base = parse("com.example.cf.Base");
        assertThat(base.isPublic()).isFalse();
        assertThat(base.isConcreteClass()).isFalse();
        assertThat(base.hasPublicNoArgConstructor()).isFalse();
        assertThat(base.annotations()).isEmpty();
        ClassFile face = parse("com.example.cf.Face");
        assertThat(face.isConcreteClass()).isFalse();
        assertThat(face.superName()).contains("java/lang/Object");
    }

    @Test
    void constructorWithArgumentsOrPrivateNoArgIsNotEnough() throws IOException {
        ClassFile noDefault = parse("com.example.cf.NoDefault");
        assertThat(noDefault.methods()).extracting(ClassFile.Method::descriptor).contains("(I)V", "()V");
        assertThat(noDefault.hasPublicNoArgConstructor()).isFalse();
    }

    @ParameterizedTest(name = "parses JDK class {0}")
    @ValueSource(strings = {"java/lang/String.class", "java/util/concurrent/ConcurrentHashMap.class",
        "java/lang/invoke/MethodHandles.class", "java/lang/Object.class"})
    void parsesJdkClassesWithEveryConstantKind(String resource) throws IOException {
        byte[] bytes;
        try (InputStream in = ClassLoader.getSystemResourceAsStream(resource)) {
            bytes = in.readAllBytes();
        }
        ClassFile classFile = ClassFile.parse(bytes);
        assertThat(classFile.name() + ".class").isEqualTo(resource);
        assertThat(classFile.isPublic()).isTrue();
    }

    @Test
    void rejectsBytesThatAreNotAClassFile() {
        assertThatThrownBy(() -> ClassFile.parse("hello world, not a class".getBytes()))
                .isInstanceOf(IOException.class).hasMessageContaining("magic");
    }

    @Test
    void rejectsTruncatedClassFile() throws IOException {
        byte[] full = CLASSES.get("com/example/cf/Annotated.class");
        byte[] truncated = Arrays.copyOf(full, full.length / 2);
        assertThatThrownBy(() -> ClassFile.parse(truncated)).isInstanceOf(IOException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> ClassFile.parse(new byte[0])).isInstanceOf(IOException.class);
    }
}
