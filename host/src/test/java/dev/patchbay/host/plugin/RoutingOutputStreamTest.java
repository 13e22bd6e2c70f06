package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.host.plugin.RoutingFixture.Line;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.MDC;

/**
 * The stream under a routing {@code System.out}, one writing thread at a time: who is routed, and how the
 * bytes plugin code writes become lines.
 */
class RoutingOutputStreamTest {

    @TempDir
    static Path pluginsRoot;

    private static PatchbayClassLoader alphaLoader;

    @BeforeAll
    static void createLoader() {
        alphaLoader = PluginLoaders.empty("alpha", pluginsRoot);
    }

    @AfterAll
    static void closeLoader() throws IOException {
        alphaLoader.close();
    }

    private final RoutingFixture routed = new RoutingFixture();

    static Stream<Arguments> writers() {
        return Stream.of(
                Arguments.of("host code", (Runnable) () -> { }, Optional.empty()),
                Arguments.of("host code with a blank MDC plugin", (Runnable) () -> MDC.put("plugin", " "),
                        Optional.empty()),
                Arguments.of("host code with only MDC stage", (Runnable) () -> MDC.put("stage", "demo/sink"),
                        Optional.empty()),
                Arguments.of("code with MDC plugin and stage", (Runnable) () -> {
                    MDC.put("plugin", "beta");
                    MDC.put("stage", "demo/processors[0]");
                }, Optional.of(new PrintOrigin("beta", Optional.of("demo/processors[0]")))),
                Arguments.of("a thread whose context loader is a plugin's",
                        (Runnable) () -> Thread.currentThread().setContextClassLoader(alphaLoader),
                        Optional.of(new PrintOrigin("alpha", Optional.empty()))),
                Arguments.of("a thread whose context loader a plugin made", (Runnable) () -> Thread.currentThread()
                        .setContextClassLoader(new ClassLoader("made-by-alpha", alphaLoader) { }),
                        Optional.of(new PrintOrigin("alpha", Optional.empty()))),
                Arguments.of("a thread in a plugin scope", (Runnable) () -> new PluginScope("alpha", alphaLoader)
                        .enter(), Optional.of(new PrintOrigin("alpha", Optional.empty()))),
                Arguments.of("a plugin's thread with MDC plugin naming another", (Runnable) () -> {
                    Thread.currentThread().setContextClassLoader(alphaLoader);
                    MDC.put("plugin", "beta");
                }, Optional.of(new PrintOrigin("beta", Optional.empty()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writers")
    void pluginCodeIsRoutedAndHostCodePassesThrough(String name, Runnable setup, Optional<PrintOrigin> expected)
            throws Exception {
        RoutingFixture.onThread(() -> {
            setup.run();
            routed.print.println("h\u00e9llo");
            routed.print.print("partial");
            routed.print.flush();
        });

        if (expected.isPresent()) {
            assertThat(routed.lines).containsExactly(new Line(ConsoleChannel.STDOUT, expected.get(), "h\u00e9llo"),
                    new Line(ConsoleChannel.STDOUT, expected.get(), "partial"));
            assertThat(routed.original.text()).isEmpty();
        } else {
            assertThat(routed.lines).isEmpty();
            assertThat(routed.original.text()).isEqualTo("h\u00e9llo" + System.lineSeparator() + "partial");
            assertThat(routed.original.flushes).isEqualTo(1);
        }
    }

    /** A step of plugin code: text to print, raw bytes to write, or a flush. */
    record Step(String print, byte[] bytes) {
        static final Step FLUSH = new Step(null, null);

        static Step print(String text) {
            return new Step(text, null);
        }

        static Step bytes(byte[] all, int from, int to) {
            byte[] part = new byte[to - from];
            System.arraycopy(all, from, part, 0, part.length);
            return new Step(null, part);
        }

        @Override
        public String toString() {
            return print != null ? "print " + print.length() + " chars" : bytes != null ? bytes.length + " bytes"
                    : "flush";
        }
    }

    static Stream<Arguments> printing() {
        byte[] euro = "\u20ac\n".getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("lines split at newlines", List.of(Step.print("one\ntwo\nthree")), List.of("one", "two")),
                Arguments.of("a partial line on flush", List.of(Step.print("par"), Step.FLUSH, Step.print("t\n")),
                        List.of("par", "t")),
                Arguments.of("a long line cut at 8 KiB", List.of(Step.print("x".repeat(8192) + "yz\n")),
                        List.of("x".repeat(8192), "yz")),
                Arguments.of("a character split across writes", List.of(Step.bytes(euro, 0, 1),
                        Step.bytes(euro, 1, 2), Step.FLUSH, Step.bytes(euro, 2, 4)), List.of("\u20ac")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("printing")
    void pluginOutputBecomesLines(String name, List<Step> steps, List<String> expected) throws Exception {
        RoutingFixture.onThread(() -> {
            MDC.put("plugin", "beta");
            for (Step step : steps) {
                if (step.print() != null) {
                    routed.print.print(step.print());
                } else if (step.bytes() != null) {
                    routed.print.write(step.bytes(), 0, step.bytes().length);
                } else {
                    routed.print.flush();
                }
            }
        });

        assertThat(routed.lines).extracting(Line::text).containsExactlyElementsOf(expected);
        assertThat(routed.original.text()).isEmpty();
    }

    @Test
    void aLineStartedInOnePluginsCodeEndsThereWhenTheThreadMovesToAnothers() throws Exception {
        RoutingFixture.onThread(() -> {
            MDC.put("plugin", "alpha");
            MDC.put("stage", "demo/source");
            routed.print.print("begun in alpha");
            MDC.put("stage", "demo/sink");
            routed.print.print(", the sink's");
            MDC.put("plugin", "beta");
            routed.print.println("ended in beta");
        });

        assertThat(routed.lines).containsExactly(
                new Line(ConsoleChannel.STDOUT, new PrintOrigin("alpha", Optional.of("demo/source")), "begun in alpha"),
                new Line(ConsoleChannel.STDOUT, new PrintOrigin("alpha", Optional.of("demo/sink")), ", the sink's"),
                new Line(ConsoleChannel.STDOUT, new PrintOrigin("beta", Optional.of("demo/sink")), "ended in beta"));
    }

    @Test
    void aPartialLineLeftBetweenCallsIntoThePluginIsContinuedByTheNextCall() throws Exception {
        RoutingFixture.onThread(() -> {
            PluginScope scope = new PluginScope("alpha", alphaLoader);
            PluginScope.Entered first = scope.enter();
            routed.print.print("progress: ");
            first.close();
            routed.print.println("host line");
            PluginScope.Entered second = scope.enter();
            routed.print.println("done");
            second.close();
        });

        assertThat(routed.lines).extracting(Line::text).containsExactly("progress: done");
        assertThat(routed.original.text()).isEqualTo("host line" + System.lineSeparator());
    }

    @Test
    void closingLogsThePartialLineAndLeavesTheOriginalOpen() throws Exception {
        RoutingFixture.onThread(() -> {
            MDC.put("plugin", "beta");
            routed.print.print("last words");
            routed.print.close();
        });

        assertThat(routed.lines).extracting(Line::text).containsExactly("last words");
        assertThat(routed.original.closed).isFalse();
    }
}
