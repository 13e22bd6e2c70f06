package dev.patchbay.host.pipeline;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * {@code maxRecordsPerSecond}: after each chunk the source thread waits until the records handed on so far
 * are within the rate, measured from the first chunk. Applied per chunk, never per record; confined to the
 * source thread.
 *
 * <p>A source that falls behind (idle, or slower than the rate) does not build up credit beyond one
 * second's worth, so a burst after a pause is bounded too.
 */
final class RateLimiter {

    private final long nanosPerRecord;
    private final LongSupplier clock;
    private long allowedAt;
    private long waitedNanos;

    /** @param recordsPerSecond the rate, or 0 for none */
    RateLimiter(long recordsPerSecond, LongSupplier clock) {
        if (recordsPerSecond < 0) {
            throw new IllegalArgumentException("maxRecordsPerSecond must not be negative, got " + recordsPerSecond);
        }
        this.nanosPerRecord = recordsPerSecond == 0 ? 0 : Math.max(1, TimeUnit.SECONDS.toNanos(1) / recordsPerSecond);
        this.clock = clock;
    }

    boolean limited() {
        return nanosPerRecord > 0;
    }

    /**
     * Accounts for {@code records} and returns how long to wait before the next chunk, in nanoseconds.
     */
    long delayAfter(int records) {
        if (nanosPerRecord == 0 || records == 0) {
            return 0;
        }
        long now = clock.getAsLong();
        long floor = now - TimeUnit.SECONDS.toNanos(1);
        if (allowedAt == 0 || allowedAt < floor) {
            allowedAt = allowedAt == 0 ? now : floor;
        }
        allowedAt += records * nanosPerRecord;
        return Math.max(0, allowedAt - now);
    }

    /**
     * Waits out {@link #delayAfter}, waking early when {@code stop} turns true.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    void await(int records, BooleanSupplier stop) throws InterruptedException {
        long delay = delayAfter(records);
        if (delay == 0) {
            return;
        }
        long start = clock.getAsLong();
        long end = start + delay;
        for (long left = delay; left > 0 && !stop.getAsBoolean(); left = end - clock.getAsLong()) {
            LockSupport.parkNanos(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting out maxRecordsPerSecond");
            }
        }
        waitedNanos += clock.getAsLong() - start;
    }

    /** The time spent waiting so far; read by the source thread, which publishes it. */
    long waitedNanos() {
        return waitedNanos;
    }
}
