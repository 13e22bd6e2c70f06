package dev.patchbay.host.plugin;

import static dev.patchbay.host.plugin.RoutingFixture.DEADLINE_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.host.plugin.RoutingFixture.Line;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

/**
 * The stream under a routing {@code System.out} with several threads: threads printing at once never share
 * a line, logging a line never loops back into the stream, and unfinished lines of any thread are logged
 * when the stream is finished.
 */
class RoutingOutputStreamThreadsTest {

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
                            routed.stream.write(b);
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
            assertThat(writer.isAlive()).as("%s finished within %ss", writer.getName(), DEADLINE_SECONDS)
                    .isFalse();
        }

        assertThat(failure.get()).isNull();
        assertThat(routed.lines).hasSize(threads * linesEach);
        for (int t = 0; t < threads; t++) {
            String plugin = "p" + t;
            assertThat(routed.lines.stream().filter(line -> line.origin().pluginId().equals(plugin))
                    .map(Line::text))
                    .containsExactlyElementsOf(IntStream.range(0, linesEach)
                            .mapToObj(i -> plugin + " line " + i + " \u00e9\u20ac").toList());
        }
    }

    @Test
    void whatIsWrittenWhileALineIsLoggedPassesThroughInsteadOfLoopingForever() throws Exception {
        RoutingFixture.Original outOriginal = new RoutingFixture.Original();
        RoutingFixture.Original errOriginal = new RoutingFixture.Original();
        List<Line> lines = new ArrayList<>();
        AtomicReference<PrintStream> out = new AtomicReference<>();
        AtomicReference<PrintStream> err = new AtomicReference<>();
        ConsoleRouting echoing = new ConsoleRouting(PrintOrigin::ofCurrentThread, (channel, origin, text) -> {
            lines.add(new Line(channel, origin, text));
            // An appender writing to the routing streams, as a console appender would.
            out.get().println("logged: " + text);
            err.get().println("logged: " + text);
        });
        out.set(new PrintStream(new RoutingOutputStream(outOriginal, ConsoleChannel.STDOUT, echoing), false,
                LineBuffer.CHARSET));
        err.set(new PrintStream(new RoutingOutputStream(errOriginal, ConsoleChannel.STDERR, echoing), false,
                LineBuffer.CHARSET));

        RoutingFixture.onThread(() -> {
            MDC.put("plugin", "beta");
            out.get().println("hello");
        });

        assertThat(lines).extracting(Line::text).containsExactly("hello");
        assertThat(outOriginal.text()).isEqualTo("logged: hello" + System.lineSeparator());
        assertThat(errOriginal.text()).isEqualTo("logged: hello" + System.lineSeparator());
    }

    @Test
    void finishLogsTheUnfinishedLinesOfEveryThreadWithTheirOrigins() throws Exception {
        RoutingFixture.onThread(() -> {
            MDC.put("plugin", "beta");
            MDC.put("stage", "demo/sink");
            routed.print.print("no newline ");
            routed.print.write("\u20ac".getBytes(StandardCharsets.UTF_8), 0, 2);
        });
        RoutingFixture.onThread(() -> {
            Thread.currentThread().setContextClassLoader(alphaLoader);
            routed.print.print("nor here");
        });
        assertThat(routed.lines).isEmpty();

        routed.stream.finish();
        routed.stream.finish();

        assertThat(routed.lines).containsExactlyInAnyOrder(
                new Line(ConsoleChannel.STDOUT, new PrintOrigin("beta", Optional.of("demo/sink")), "no newline \ufffd"),
                new Line(ConsoleChannel.STDOUT, new PrintOrigin("alpha", Optional.empty()), "nor here"));
    }
}
