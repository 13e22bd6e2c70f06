package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link RoutingOutputStream} for {@code System.out} over a recording original stream, with the lines it
 * logs collected instead of logged, and a way to run code on a fresh thread (empty MDC, the host's
 * context class loader).
 */
final class RoutingFixture {

    static final long DEADLINE_SECONDS = 30;

    /** A logged line. */
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

    @FunctionalInterface
    interface PluginCode {
        void run() throws IOException;
    }

    final Original original = new Original();
    final Queue<Line> lines = new ConcurrentLinkedQueue<>();
    final ConsoleRouting routing = new ConsoleRouting(PrintOrigin::ofCurrentThread,
            (channel, origin, text) -> lines.add(new Line(channel, origin, text)));
    final RoutingOutputStream stream = new RoutingOutputStream(original, ConsoleChannel.STDOUT, routing);
    /** As {@link PluginConsole} wraps the stream: no auto-flush, UTF-8. */
    final PrintStream print = new PrintStream(stream, false, LineBuffer.CHARSET);

    /** Runs the code on a fresh thread and waits for it, with a deadline, rethrowing what it threw. */
    static void onThread(PluginCode code) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                code.run();
            } catch (IOException | RuntimeException | Error e) {
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
}
