package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.MDC;

/**
 * The stream under a routing {@code System.out}: who is routed, how bytes become lines, and that threads
 * never share a line. Writes happen on fresh threads, so each starts with an empty MDC and the host's
 * context class loader.
 */
class RoutingOutputStreamTest {

    private static final long DEADLINE_SECONDS = 30;

    record Line(ConsoleChannel channel, PrintOrigin origin, String text) {
    }

    /** The original stream: what passed through, and whether it was flushed or closed. */
    static final class Original extends ByteArrayOutputStream {
        int flushes;
        boolean closed;

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void close() {
            closed = true;
        }

        String text() {
            return toString(StandardCharsets.UTF_8);
        }
    }

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

    private final Original original = new Original();
    private final Queue<Line> lines = new ConcurrentLinkedQueue<>();
    private ConsoleRouting routing;
    private RoutingOutputStream stream;
    private PrintStream printStream;

    @BeforeEach
    void createStream() {
        routing = new ConsoleRouting(PrintOrigin::ofCurrentThread,
                (channel, origin, text) -> lines.add(new Line(channel, origin, text)));
        stream = new RoutingOutputStream(original, ConsoleChannel.STDOUT, routing);
        printStream = new PrintStream(stream, false, StandardCharsets.UTF_8);
    }

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
        onThread(() -> {
            setup.run();
            printStream.println("h\u00e9llo");
            printStream.print("partial");
            printStream.flush();
        });

        if (expected.isPresent()) {
            assertThat(lines).containsExactly(new Line(ConsoleChannel.STDOUT, expected.get(), "h\u00e9llo"),
                    new Line(ConsoleChannel.STDOUT, expected.get(), "partial"));
            assertThat(original.text()).isEmpty();
        } else {
            assertThat(lines).isEmpty();
            assertThat(original.text()).isEqualTo("h\u00e9llo" + System.lineSeparator() + "partial");
            assertThat(original.flushes).isEqualTo(1);
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
        onThread(() -> {
            MDC.put("plugin", "beta");
            for (Step step : steps) {
                if (step.print() != null) {
                    printStream.print(step.print());
                } else if (step.bytes() != null) {
                    printStream.write(step.bytes(), 0, step.bytes().length);
                } else {
                    printStream.flush();
                }
            }
        });

        assertThat(lines).extracting(Line::text).containsExactlyElementsOf(expected);
        assertThat(original.text()).isEmpty();
    }

    @Test
    void concurrentThreadsNeverShareALineEvenWritingAByteAtATime() throws Exception {
        int threads = 8;
        int linesEach = 200;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int t = 0; t < threads; t++) {
            String plugin = "p" + t;
            Thread writer = new Thread(() -> {
                MDC.put("plugin", plugin);
                try {
                    if (!start.await(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("no start signal within " + DEADLINE_SECONDS + "s");
                    }
                    for (int i = 0; i < linesEach; i++) {
                        for (byte b : (plugin + " line " + i + " \u00e9\u20ac\n").getBytes(StandardCharsets.UTF_8)) {
                            stream.write(b);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure.compareAndSet(null, e);
                } catch (IOException | RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }, "routing-test-writer-" + t);
            writers.add(writer);
            writer.start();
        }

        start.countDown();
        for (Thread writer : writers) {
            writer.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
            assertThat(writer.isAlive()).as("%s finished within %ss", writer.getName(), DEADLINE_SECONDS).isFalse();
        }

        assertThat(failure.get()).isNull();
        assertThat(lines).hasSize(threads * linesEach);
        for (int t = 0; t < threads; t++) {
            String plugin = "p" + t;
            assertThat(lines.stream().filter(line -> line.origin().pluginId().equals(plugin)).map(Line::text))
                    .containsExactlyElementsOf(IntStream.range(0, linesEach)
                            .mapToObj(i -> plugin + " line " + i + " \u00e9\u20ac").toList());
        }
    }

    @Test
    void whatIsWrittenWhileALineIsLoggedPassesThroughInsteadOfLoopingForever() throws Exception {
        Original errOriginal = new Original();
        AtomicReference<PrintStream> err = new AtomicReference<>();
        ConsoleRouting echoing = new ConsoleRouting(PrintOrigin::ofCurrentThread, (channel, origin, text) -> {
            lines.add(new Line(channel, origin, text));
            // An appender writing to the routing streams, as a console appender would.
            printStream.println("logged: " + text);
            err.get().println("logged: " + text);
        });
        stream = new RoutingOutputStream(original, ConsoleChannel.STDOUT, echoing);
        printStream = new PrintStream(stream, false, StandardCharsets.UTF_8);
        err.set(new PrintStream(new RoutingOutputStream(errOriginal, ConsoleChannel.STDERR, echoing), false,
                StandardCharsets.UTF_8));

        onThread(() -> {
            MDC.put("plugin", "beta");
            printStream.println("hello");
        });

        assertThat(lines).extracting(Line::text).containsExactly("hello");
        assertThat(original.text()).isEqualTo("logged: hello" + System.lineSeparator());
        assertThat(errOriginal.text()).isEqualTo("logged: hello" + System.lineSeparator());
    }

    @Test
    void aLineStartedInOnePluginsCodeEndsThereWhenTheThreadMovesToAnothers() throws Exception {
        onThread(() -> {
            MDC.put("plugin", "alpha");
            MDC.put("stage", "demo/source");
            printStream.print("begun in alpha");
            MDC.put("stage", "demo/sink");
            printStream.print(", the sink's");
            MDC.put("plugin", "beta");
            printStream.println("ended in beta");
        });

        assertThat(lines).containsExactly(
                new Line(ConsoleChannel.STDOUT, new PrintOrigin("alpha", Optional.of("demo/source")), "begun in alpha"),
                new Line(ConsoleChannel.STDOUT, new PrintOrigin("alpha", Optional.of("demo/sink")), ", the sink's"),
                new Line(ConsoleChannel.STDOUT, new PrintOrigin("beta", Optional.of("demo/sink")), "ended in beta"));
    }

    @Test
    void aPartialLineLeftBetweenCallsIntoThePluginIsContinuedByTheNextCall() throws Exception {
        onThread(() -> {
            PluginScope scope = new PluginScope("alpha", alphaLoader);
            PluginScope.Entered first = scope.enter();
            printStream.print("progress: ");
            first.close();
            printStream.println("host line");
            PluginScope.Entered second = scope.enter();
            printStream.println("done");
            second.close();
        });

        assertThat(lines).extracting(Line::text).containsExactly("progress: done");
        assertThat(original.text()).isEqualTo("host line" + System.lineSeparator());
    }

    @Test
    void closingLogsThePartialLineAndLeavesTheOriginalOpen() throws Exception {
        onThread(() -> {
            MDC.put("plugin", "beta");
            printStream.print("last words");
            printStream.close();
        });

        assertThat(lines).extracting(Line::text).containsExactly("last words");
        assertThat(original.closed).isFalse();
    }

    @Test
    void finishLogsTheUnfinishedLinesOfEveryThreadWithTheirOrigins() throws Exception {
        onThread(() -> {
            MDC.put("plugin", "beta");
            MDC.put("stage", "demo/sink");
            printStream.print("no newline ");
            printStream.write("\u20ac".getBytes(StandardCharsets.UTF_8), 0, 2);
        });
        onThread(() -> {
            Thread.currentThread().setContextClassLoader(alphaLoader);
            printStream.print("nor here");
        });
        assertThat(lines).isEmpty();

        stream.finish();
        stream.finish();

        assertThat(lines).containsExactlyInAnyOrder(
                new Line(ConsoleChannel.STDOUT, new PrintOrigin("beta", Optional.of("demo/sink")), "no newline \ufffd"),
                new Line(ConsoleChannel.STDOUT, new PrintOrigin("alpha", Optional.empty()), "nor here"));
    }

    @ParameterizedTest(name = "plugin id \"{0}\"")
    @MethodSource("blankIds")
    void anOriginNeedsAPluginId(String id) {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new PrintOrigin(id, Optional.empty()))
                .withMessage("plugin id '" + id + "' is blank; a console line needs the id of the plugin that wrote it");
    }

    static Stream<String> blankIds() {
        return Stream.of("", " ", "\t");
    }

    /** Runs the code on a fresh thread and waits for it, with a deadline, rethrowing what it threw. */
    private static void onThread(ThrowingRunnable code) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                code.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "routing-test-plugin-code");
        thread.start();
        thread.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
        assertThat(thread.isAlive()).as("the writing thread finished within %ss", DEADLINE_SECONDS).isFalse();
        if (failure.get() instanceof Exception e) {
            throw e;
        }
        if (failure.get() instanceof Error e) {
            throw e;
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws IOException;
    }
}
