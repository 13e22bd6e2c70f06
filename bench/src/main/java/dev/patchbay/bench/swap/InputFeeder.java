package dev.patchbay.bench.swap;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps a followed text input ahead of the pipeline that reads it, so that its source is never starved: whenever
 * fewer than {@code leadBytes} of the input are not yet in the output, a thread appends another chunk of lines
 * {@code id-N}, numbered from 0. The output of a pipeline that copies lines (text-source, keep, text-sink) is then
 * checkable line by line: line {@code i} must be {@code id-i}.
 */
final class InputFeeder implements AutoCloseable {

    private static final int CHUNK_LINES = 200_000;

    private final Path input;
    private final Path output;
    private final long leadBytes;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;
    private long next;

    InputFeeder(Path input, Path output, long leadBytes) throws IOException {
        this.input = input;
        this.output = output;
        this.leadBytes = leadBytes;
        Files.deleteIfExists(input);
        Files.createFile(input);
        while (Files.size(input) < 2 * leadBytes) {
            appendChunk();
        }
        this.thread = new Thread(this::feed, "swap-pause-input-feeder");
        thread.setDaemon(true);
        thread.start();
    }

    private void feed() {
        try {
            while (running) {
                long unread = Files.size(input) - (Files.exists(output) ? Files.size(output) : 0);
                if (unread < leadBytes) {
                    appendChunk();
                } else {
                    LockSupport.parkNanos(2_000_000);
                }
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
    }

    private void appendChunk() throws IOException {
        StringBuilder lines = new StringBuilder(CHUNK_LINES * 12);
        for (int i = 0; i < CHUNK_LINES; i++) {
            lines.append("id-").append(next++).append('\n');
        }
        try (OutputStream out = Files.newOutputStream(input, StandardOpenOption.APPEND)) {
            out.write(lines.toString().getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Stops feeding; fails if feeding failed, since the source may then have been starved. */
    @Override
    public void close() {
        running = false;
        join(thread);
        check();
    }

    /** Fails if feeding failed: the source may have been starved since. */
    void check() {
        if (failure != null) {
            throw new UncheckedIOException("feeding " + input + " failed", failure instanceof IOException io ? io
                    : new IOException(failure));
        }
    }

    /** Waits up to 10 s for {@code thread} to end, keeping the interrupt if one comes. */
    static void join(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
