package dev.patchbay.host.pipeline;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Whether a pipeline's source may poll: an operator's pause holds the source thread between polls, so that no
 * new record is read while the records already queued drain to the sink and are committed. One gate per
 * pipeline, shared by its attempts, so a pause outlives a restart.
 *
 * <p>Guarding: {@code paused} is volatile; the source thread that waits is published through a volatile field so
 * that {@link #resume()} can wake it. A stop wakes it too (the attempt unparks its source thread), and the wait
 * ends when the stop condition holds, so a paused pipeline still stops promptly.
 */
final class PauseGate {

    private volatile boolean paused;
    private volatile Thread waiting;

    /** Pauses; true if it was running, false if it was already paused. */
    boolean pause() {
        boolean was = paused;
        paused = true;
        return !was;
    }

    /** Resumes and wakes a waiting source; true if it was paused, false if it was not. */
    boolean resume() {
        boolean was = paused;
        paused = false;
        Thread thread = waiting;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
        return was;
    }

    boolean paused() {
        return paused;
    }

    /**
     * On the source thread, between polls: returns at once when not paused, otherwise waits until resumed or
     * until {@code stop} holds.
     *
     * @return true if it waited
     * @throws InterruptedException if the thread is interrupted while it waits (the host interrupts only to
     *         abort, and the source thread runs no plugin code here)
     */
    boolean awaitOpen(BooleanSupplier stop) throws InterruptedException {
        if (!paused) {
            return false;
        }
        waiting = Thread.currentThread();
        try {
            // Checked after publishing the thread: a resume between the check and the park leaves a permit.
            while (paused && !stop.getAsBoolean()) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    throw new InterruptedException("pipeline source interrupted while paused");
                }
            }
        } finally {
            waiting = null;
        }
        return true;
    }
}
