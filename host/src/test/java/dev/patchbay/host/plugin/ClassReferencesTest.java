package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.host.testing.PluginJarBuilder;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The linkage check's class file reading: references, descriptors in Java form, and the slow pass's locations. */
class ClassReferencesTest {

    private static final String SOURCE = """
            package com.acme;
            import java.util.function.Supplier;
            public class Sample extends java.util.AbstractList<String> implements java.io.Serializable {
                private com.example.lib.Field cache;
                public String get(int i) { return com.example.lib.Thing.name(i); }
                public int size() { return com.example.lib.Thing.COUNT; }
                public Object arrays() { return new com.example.lib.Element[0]; }
                public Supplier<Object> lazy() { return com.example.lib.Maker::make; }
                public void guarded() {
                    try { run(); } catch (com.example.lib.Failure e) { throw new IllegalStateException(e); }
                }
                private void run() { }
            }
            """;

    private static final String LIB = """
            package com.example.lib;
            public final class Thing { public static int COUNT = 1; public static String name(int i) { return ""; } }
            """;

    private static byte[] sample() {
        Map<String, String> lib = Map.of("com.example.lib.Thing", LIB,
                "com.example.lib.Field", "package com.example.lib; public class Field { }",
                "com.example.lib.Element", "package com.example.lib; public class Element { }",
                "com.example.lib.Failure", "package com.example.lib; public class Failure extends RuntimeException { }",
                "com.example.lib.Maker", "package com.example.lib; public class Maker { public static Object make() { return null; } }");
        Map<String, String> all = new java.util.HashMap<>(lib);
        all.put("com.acme.Sample", SOURCE);
        return PluginJarBuilder.compile(all, List.of()).get("com/acme/Sample.class");
    }

    @Test
    void aClassFileGivesItsHierarchyDeclarationsAndEveryClassAndMemberItReferences() throws IOException {
        ClassReferences parsed = ClassReferences.parse(sample());

        assertThat(parsed.name()).isEqualTo("com/acme/Sample");
        assertThat(parsed.superName()).contains("java/util/AbstractList");
        assertThat(parsed.interfaces()).containsExactly("java/io/Serializable");
        assertThat(parsed.declaresMethod("get", "(I)Ljava/lang/String;")).isTrue();
        assertThat(parsed.declaresMethod("get", "(J)Ljava/lang/String;")).isFalse();
        assertThat(parsed.declaresField("cache", "Lcom/example/lib/Field;")).isTrue();
        assertThat(parsed.classes()).contains("com/example/lib/Thing", "com/example/lib/Field",
                "com/example/lib/Element", "com/example/lib/Maker", "com/example/lib/Failure", "java/lang/String")
                .doesNotContain("com/acme/Sample");
        assertThat(parsed.members()).contains(
                new ClassReferences.MemberRef(false, false, "com/example/lib/Thing", "name", "(I)Ljava/lang/String;"),
                new ClassReferences.MemberRef(true, false, "com/example/lib/Thing", "COUNT", "I"),
                new ClassReferences.MemberRef(false, false, "com/example/lib/Maker", "make", "()Ljava/lang/Object;"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', value = {
        "class com.example.lib.Thing # com/example/lib/Thing #  #  # method get(int)|method size()",
        "field type # com/example/lib/Field #  #  # field cache",
        "array element # com/example/lib/Element #  #  # method arrays()",
        "method reference (indy) # com/example/lib/Maker #  #  # method lazy()",
        "catch type # com/example/lib/Failure #  #  # method guarded()",
        "static method #  # com/example/lib/Thing # name(I)Ljava/lang/String; # method get(int)",
    })
    void theSlowPassNamesTheMethodOrFieldThatUsesTheMissingClassOrMember(String title, String missingClass,
            String owner, String member, String expected) throws IOException {
        ClassReferences.MemberRef ref = owner == null ? null : new ClassReferences.MemberRef(false, false, owner,
                member.substring(0, member.indexOf('(')), member.substring(member.indexOf('(')));

        List<String> where = ReferenceLocator.locate(sample(), missingClass, ref);

        assertThat(where).as(title).containsExactly(expected.split("[|]"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a/B | run   | (Ljava/lang/String;I)V       | void a.B.run(java.lang.String, int)",
        "a/B | <init>| ()V                          | new a.B()",
        "a/B | size  | I                            | int a.B.size",
        "a/B | grid  | [[J                          | long[][] a.B.grid",
        "a/B | of    | ([Ljava/lang/Object;)La/B$C; | a.B$C a.B.of(java.lang.Object[])",
    })
    void descriptorsAreShownInJavaForm(String owner, String name, String descriptor, String expected) {
        assertThat(Descriptors.display(owner, name, descriptor)).isEqualTo(expected);
    }

    @Test
    void bytesThatAreNotAClassFileAreRefusedNamingWhy() {
        byte[] truncated = Arrays.copyOf(sample(), 40);

        assertThatThrownBy(() -> ClassReferences.parse(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}))
                .isInstanceOf(IOException.class).hasMessageContaining("0xCAFEBABE");
        assertThatThrownBy(() -> ClassReferences.parse(truncated)).isInstanceOf(IOException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void signaturePolymorphicMethodsMatchAnyDescriptor() {
        PlatformClasses platform = new PlatformClasses();
        ClassReferences.MemberRef invoke = new ClassReferences.MemberRef(false, false, "java/lang/invoke/MethodHandle",
                "invokeExact", "(Ljava/lang/String;I)J");
        ClassReferences.MemberRef missing = new ClassReferences.MemberRef(false, false, "java/lang/String",
                "isBlunk", "()Z");
        ClassReferences.MemberRef inherited = new ClassReferences.MemberRef(false, true, "java/util/List",
                "hashCode", "()I");

        assertThat(MemberResolution.resolve(invoke, platform::find)).isEqualTo(MemberResolution.Result.FOUND);
        assertThat(MemberResolution.resolve(missing, platform::find)).isEqualTo(MemberResolution.Result.MISSING);
        assertThat(MemberResolution.resolve(inherited, platform::find)).isEqualTo(MemberResolution.Result.FOUND);
        assertThat(MemberResolution.resolve(missing, name -> Optional.empty()))
                .isEqualTo(MemberResolution.Result.UNKNOWN);
    }
}
