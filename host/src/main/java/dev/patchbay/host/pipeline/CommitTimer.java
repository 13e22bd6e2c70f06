package dev.patchbay.host.pipeline;

import java.time.Clock;
import java.util.Objects;

/**
 * When the sink thread next flushes its sink and commits its checkpoint: at most once per commit interval while
 * records flow, so that one fsync of the sink and one checkpoint write cover many batches. An interval of 0 makes
 * every moment due, which is the flush and commit after every batch.
 *
 * <p>It reads the runtime's {@link Clock}, so that tests can move time by hand. A clock that goes back (the wall
 * clock set back) makes the commit due at once rather than late: committing early costs one fsync, committing
 * late widens what a crash repeats.
 *
 * <p>Confined to the sink thread.
 */
final class CommitTimer {

    private final long intervalMillis;
    private final Clock clock;
    private long lastMillis;

    /**
     * @param intervalMillis the commit interval, 0 or more
     * @param clock the time source; the interval starts now
     */
    CommitTimer(long intervalMillis, Clock clock) {
        if (intervalMillis < 0) {
            throw new IllegalArgumentException("commit interval " + intervalMillis + " ms must be 0 or more");
        }
        this.intervalMillis = intervalMillis;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lastMillis = clock.millis();
    }

    /** Whether the interval since the last commit has passed. */
    boolean due() {
        return untilDueMillis() == 0;
    }

    /** Milliseconds until {@link #due()}, 0 when it is due. */
    long untilDueMillis() {
        long elapsed = clock.millis() - lastMillis;
        if (elapsed < 0 || elapsed >= intervalMillis) {
            return 0;
        }
        return intervalMillis - elapsed;
    }

    /** A flush and commit happened now: the next interval starts. */
    void committed() {
        lastMillis = clock.millis();
    }

    boolean perBatch() {
        return intervalMillis == 0;
    }
}
