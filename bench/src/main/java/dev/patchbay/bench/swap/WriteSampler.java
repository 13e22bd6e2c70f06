package dev.patchbay.bench.swap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches a sink's output file and remembers when it grew: a thread reads the file's size every {@code period}
 * nanoseconds and records {@link System#nanoTime()} whenever the size is larger than at the previous reading. Those
 * times are the "write events" the swap-pause figures are made of; their resolution is the period plus one
 * {@code stat} call.
 */
final class WriteSampler implements AutoCloseable {

    private final Path file;
    private final long periodNanos;
    private final Thread thread;
    private volatile boolean running = true;
    private long[] events = new long[1 << 16];
    private int count;

    WriteSampler(Path file, long periodNanos) {
        this.file = file;
        this.periodNanos = periodNanos;
        this.thread = new Thread(this::sample, "swap-pause-write-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        long last = -1;
        while (running) {
            long size;
            try {
                size = Files.exists(file) ? Files.size(file) : 0;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the size of " + file, e);
            }
            long now = System.nanoTime();
            if (size > last) {
                if (last >= 0) {
                    add(now);
                }
                last = size;
            }
            LockSupport.parkNanos(periodNanos);
        }
    }

    private synchronized void add(long at) {
        if (count == events.length) {
            events = Arrays.copyOf(events, count * 2);
        }
        events[count++] = at;
    }

    /** The write events so far, in time order. */
    synchronized long[] events() {
        return Arrays.copyOf(events, count);
    }

    /** The first write event after {@code at}, or -1 if there is none yet. */
    long firstAfter(long at) {
        for (long event : events()) {
            if (event > at) {
                return event;
            }
        }
        return -1;
    }

    /**
     * The longest interval between two consecutive write events {@code e[k], e[k+1]} with {@code e[k+1] > from} and
     * {@code e[k] < to}: the longest time without a write that overlaps {@code (from, to)}. The interval that
     * straddles {@code from} counts, since a pause that began just before the request is part of it.
     *
     * @return the interval in nanoseconds, or -1 if no such pair of events exists
     */
    static long longestGap(long[] events, long from, long to) {
        long longest = -1;
        for (int k = 0; k + 1 < events.length; k++) {
            if (events[k + 1] > from && events[k] < to) {
                longest = Math.max(longest, events[k + 1] - events[k]);
            }
        }
        return longest;
    }

    @Override
    public void close() {
        running = false;
        InputFeeder.join(thread);
    }
}
