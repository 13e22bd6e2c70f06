package dev.patchbay.host.plugin;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stream under a routing {@code System.out} or {@code System.err}. Bytes written by host code go to
 * the original stream unchanged; bytes written by plugin code are collected per thread into lines (see
 * {@link LineBuffer}) and each line is logged for the plugin that wrote it, so threads printing at once
 * never share a line. {@link #flush()} logs the writing thread's unfinished line.
 *
 * <p>{@link #close()} never closes the original stream: it is the process's, and a plugin closing
 * {@code System.out} must not end the host's output.
 */
final class RoutingOutputStream extends OutputStream {

    private final OutputStream original;
    private final ConsoleChannel channel;
    private final ConsoleRouting routing;
    private final ThreadLocal<ThreadLine> lines = ThreadLocal.withInitial(ThreadLine::new);
    /** The lines of every thread that has written part of one, so {@link #finish()} can log them. */
    private final Set<ThreadLine> unfinished = ConcurrentHashMap.newKeySet();

    /**
     * @param original where host code's bytes go; never closed here. Plugin code's bytes are decoded as
     *                 {@link LineBuffer#CHARSET}.
     */
    RoutingOutputStream(OutputStream original, ConsoleChannel channel, ConsoleRouting routing) {
        this.original = Objects.requireNonNull(original, "original");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.routing = Objects.requireNonNull(routing, "routing");
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        Optional<PrintOrigin> origin = routing.originOfCurrentThread();
        if (origin.isEmpty()) {
            original.write(bytes, offset, length);
            return;
        }
        ThreadLine line = lines.get();
        synchronized (line) {
            line.write(origin.get(), bytes, offset, length);
            track(line);
        }
    }

    /** Logs this thread's unfinished line if plugin code is writing, else flushes the original stream. */
    @Override
    public void flush() throws IOException {
        if (routing.originOfCurrentThread().isEmpty()) {
            original.flush();
            return;
        }
        ThreadLine line = lines.get();
        synchronized (line) {
            line.buffer.flush(text -> routing.emit(channel, line.origin, text));
            track(line);
        }
    }

    /** Flushes, and leaves the original stream open. */
    @Override
    public void close() throws IOException {
        flush();
    }

    /** Logs the unfinished line of every thread, complete or not, because no more of it will be written here. */
    void finish() {
        for (ThreadLine line : unfinished) {
            synchronized (line) {
                line.buffer.finish(text -> routing.emit(channel, line.origin, text));
                track(line);
            }
        }
    }

    /** Called with the line's lock held. */
    private void track(ThreadLine line) {
        if (line.buffer.isEmpty()) {
            unfinished.remove(line);
        } else {
            unfinished.add(line);
        }
    }

    /** A thread's unfinished line and whose code wrote it. Guarded by its own lock. */
    private final class ThreadLine {

        private final LineBuffer buffer = new LineBuffer();
        private PrintOrigin origin;

        void write(PrintOrigin writer, byte[] bytes, int offset, int length) {
            if (!writer.equals(origin)) {
                // The thread went from one plugin's (or stage's) code to another's mid-line: the part
                // written so far belongs to the first.
                buffer.finish(text -> routing.emit(channel, origin, text));
                origin = writer;
            }
            buffer.write(bytes, offset, length, text -> routing.emit(channel, writer, text));
        }
    }
}
