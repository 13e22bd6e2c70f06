package dev.patchbay.host.plugin;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the routing {@code System.out} and {@code System.err} share: who is writing, where a plugin's
 * lines go, and a per-thread guard that passes through to the original stream whatever is written while
 * a line is being logged. Without the guard a log appender that writes to {@code System.out} or
 * {@code System.err} (a console appender, or one configured on the routing stream by mistake) would have
 * its own output logged again, forever.
 */
final class ConsoleRouting {

    /** Where a routed line goes; {@code ConsoleChannel::log} in production. */
    @FunctionalInterface
    interface Sink {
        void line(ConsoleChannel channel, PrintOrigin origin, String text);
    }

    private final Supplier<Optional<PrintOrigin>> origins;
    private final Sink sink;
    private final ThreadLocal<Boolean> logging = ThreadLocal.withInitial(() -> Boolean.FALSE);

    /**
     * @param origins the origin of a write from the current thread, empty for host code;
     *                {@code PrintOrigin::ofCurrentThread} in production
     */
    ConsoleRouting(Supplier<Optional<PrintOrigin>> origins, Sink sink) {
        this.origins = Objects.requireNonNull(origins, "origins");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Whose code is writing on this thread; empty for host code and while this thread is logging a line. */
    Optional<PrintOrigin> originOfCurrentThread() {
        return logging.get() ? Optional.empty() : origins.get();
    }

    void emit(ConsoleChannel channel, PrintOrigin origin, String text) {
        boolean outer = !logging.get();
        logging.set(Boolean.TRUE);
        try {
            sink.line(channel, origin, text);
        } finally {
            if (outer) {
                logging.remove();
            }
        }
    }
}
