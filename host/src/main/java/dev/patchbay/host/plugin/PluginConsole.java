package dev.patchbay.host.plugin;

import java.io.PrintStream;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends what plugin code prints to {@code System.out} and {@code System.err} to the log instead of the
 * host's standard output, where it would break {@code --json} output. {@link #install()} replaces both
 * with routing streams: a write from a thread that is running plugin code (see
 * {@link PrintOrigin#ofCurrentThread()}) is logged line by line on {@code plugin.<id>.stdout} at INFO or
 * {@code plugin.<id>.stderr} at WARN, with MDC {@code plugin} and {@code stage} as on the writing thread;
 * any other write goes to the original stream unchanged.
 *
 * <p>The host's own writers and the log appender must write to the original streams, captured before
 * installing, not to {@code System.out} or {@code System.err}: a log line would otherwise pass through the
 * routing stream (harmless, but needless) and an appender's lock would be taken while a routing stream's
 * lock is held, and the other way round on another thread.
 */
public final class PluginConsole {

    private PluginConsole() {
    }

    /**
     * Replaces {@code System.out} and {@code System.err} with routing streams until the returned handle is
     * closed.
     */
    public static Installation install() {
        // The only global state here is System.out and System.err themselves: plugin code prints to them
        // directly, so replacing them is the only way to catch what it prints. Everything else (the
        // per-thread lines, the guard) lives in the streams installed and goes away with them.
        PrintStream out = System.out;
        PrintStream err = System.err;
        ConsoleRouting routing = new ConsoleRouting(PrintOrigin::ofCurrentThread, ConsoleChannel::log);
        RoutingOutputStream routedOut = new RoutingOutputStream(out, ConsoleChannel.STDOUT, routing);
        RoutingOutputStream routedErr = new RoutingOutputStream(err, ConsoleChannel.STDERR, routing);
        System.setOut(new ProcessStream(routedOut));
        System.setErr(new ProcessStream(routedErr));
        return new Installation(out, err, routedOut, routedErr);
    }

    /** The routing streams while installed; {@link #close()} puts the originals back. */
    public static final class Installation implements AutoCloseable {

        private final PrintStream out;
        private final PrintStream err;
        private final RoutingOutputStream routedOut;
        private final RoutingOutputStream routedErr;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Installation(PrintStream out, PrintStream err, RoutingOutputStream routedOut,
                RoutingOutputStream routedErr) {
            this.out = Objects.requireNonNull(out, "out");
            this.err = Objects.requireNonNull(err, "err");
            this.routedOut = routedOut;
            this.routedErr = routedErr;
        }

        /**
         * Logs every thread's unfinished line, then restores the streams that were {@code System.out} and
         * {@code System.err} when this was installed. A second call does nothing.
         */
        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                System.setOut(out);
                System.setErr(err);
                routedOut.finish();
                routedErr.finish();
            }
        }
    }

    /**
     * A {@code PrintStream} without auto-flush, so a partial line is logged only when plugin code flushes
     * or the line grows too long, and whose {@link #close()} only flushes: it stands for the process's
     * stream, which no plugin may close for everyone.
     */
    private static final class ProcessStream extends PrintStream {

        ProcessStream(RoutingOutputStream routed) {
            super(routed, false, LineBuffer.CHARSET);
        }

        @Override
        public void close() {
            flush();
        }
    }
}
