package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.host.plugin.ExitCallScanner.Call;
import dev.patchbay.host.testing.PluginJarBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The constant-pool scan on class files compiled at test time and on JDK classes. */
class ExitCallScannerTest {

    private final ExitCallScanner scanner = new ExitCallScanner();

    private static byte[] compiled(String body) {
        String source = "package t;\n\npublic class C {\n" + body + "\n}\n";
        Map<String, byte[]> classes = PluginJarBuilder.compile(Map.of("t.C", source), List.of());
        return classes.get("t/C.class");
    }

    static Stream<Arguments> classes() {
        return Stream.of(
                Arguments.of("System.exit", "static void f() { System.exit(1); }", List.of(Call.SYSTEM_EXIT)),
                Arguments.of("all three", "static void f() { System.exit(1); Runtime.getRuntime().exit(1);"
                        + " Runtime.getRuntime().halt(1); }", List.of(Call.SYSTEM_EXIT, Call.RUNTIME_EXIT,
                                Call.RUNTIME_HALT)),
                Arguments.of("after long and double constants (two-slot entries)",
                        "static long l = 1234567890123L; static double d = 3.5e300;"
                                + " static void f() { Runtime.getRuntime().halt((int) (l + d)); }",
                        List.of(Call.RUNTIME_HALT)),
                Arguments.of("method reference System::exit", "static java.util.function.IntConsumer c = System::exit;",
                        List.of(Call.SYSTEM_EXIT)),
                Arguments.of("another class's exit(int), beside java/lang/System",
                        "static void exit(int code) { System.out.println(code); } static void f() { exit(1); }"
                                + " static void g() { Runtime.getRuntime().gc(); }", List.of()),
                Arguments.of("the names only in strings", "static String s = \"java/lang/System\" + \"exit\""
                        + " + \"halt\" + \"(I)V\" + \"java/lang/Runtime\"; static void f() { System.gc(); }",
                        List.of()),
                Arguments.of("no call at all", "static int f() { return 42; }", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classes")
    void findsExactlyTheCallsThatEndTheJvm(String name, String body, List<Call> expected) {
        byte[] bytes = compiled(body);

        assertThat(Call.of(scanner.scan(bytes, bytes.length))).containsExactlyElementsOf(expected);
    }

    @Test
    void findsRuntimeExitInTheJdksOwnSystemClassAndNothingInString() throws IOException {
        byte[] system = jdk("java/lang/System.class");
        byte[] string = jdk("java/lang/String.class");

        assertThat(Call.of(scanner.scan(system, system.length))).contains(Call.RUNTIME_EXIT);
        assertThat(scanner.scan(string, string.length)).isZero();
    }

    @Test
    void truncatedOrForeignBytesGiveNoCallAndNeverThrow() {
        byte[] bytes = compiled("static void f() { System.exit(1); }");
        for (int length = 0; length < bytes.length; length++) {
            int mask = scanner.scan(bytes, length);
            assertThat(mask).as("prefix of %s bytes", length).isIn(0, Call.SYSTEM_EXIT.bit());
        }
        byte[] text = "not a class file at all".getBytes();
        assertThat(scanner.scan(text, text.length)).isZero();
    }

    @Test
    void onlyTheGivenLengthOfAReusedBufferCounts() {
        byte[] calling = compiled("static void f() { System.exit(1); }");
        byte[] clean = compiled("static int f() { return 1; }");
        byte[] buffer = java.util.Arrays.copyOf(calling, Math.max(calling.length, clean.length));
        System.arraycopy(clean, 0, buffer, 0, clean.length);

        assertThat(scanner.scan(calling, calling.length)).isEqualTo(Call.SYSTEM_EXIT.bit());
        assertThat(scanner.scan(buffer, clean.length)).isZero();
    }

    @Test
    void fromAStreamOnlyTheConstantPoolIsRead() throws IOException {
        StringBuilder body = new StringBuilder("static void f() { System.exit(1); }\nstatic int g(int x) {\n");
        for (int i = 0; i < 400; i++) {
            body.append("x = x * 31 + ").append(i % 7).append(";\n");
        }
        byte[] bytes = compiled(body.append("return x; }").toString());
        int[] read = new int[1];
        InputStream counting = new java.io.ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int n = super.read(b, off, len);
                read[0] += Math.max(n, 0);
                return n;
            }
        };

        assertThat(scanner.scan(counting, bytes.length)).isEqualTo(Call.SYSTEM_EXIT.bit());
        assertThat(read[0]).as("bytes read of %s", bytes.length).isLessThan(bytes.length);
        assertThat(scanner.scan(new java.io.ByteArrayInputStream(bytes), -1)).isEqualTo(Call.SYSTEM_EXIT.bit());
    }

    private static byte[] jdk(String resource) throws IOException {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }
}
