package dev.patchbay.host.pipeline;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread {@code patchbay-watchdog}: every tick it looks at each watched {@link StageCall} and fails the
 * pipeline of a call that has run past its deadline. The stage threads never read the clock for it: a
 * call seen on two ticks has run at least the time between them, so a deadline fires between the deadline
 * and the deadline plus one tick.
 *
 * <p>Guarding: the watched calls are a copy-on-write list (added and removed as attempts start and end);
 * each call's watchdog-side fields are touched by this thread only.
 */
final class Watchdog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

    private record Watched(StageCall call, Consumer<StageCall> onAbandoned) {
    }

    private final long tickNanos;
    private final CopyOnWriteArrayList<Watched> watched = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread thread;

    /** @param tick the time between two looks, which is the resolution of every deadline */
    Watchdog(long tick, TimeUnit unit) {
        if (tick <= 0) {
            throw new IllegalArgumentException("the watchdog tick must be positive, got " + tick);
        }
        this.tickNanos = unit.toNanos(tick);
        this.thread = new Thread(this::loop, "patchbay-watchdog");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Watches a stage's calls until {@link #unwatch}.
     *
     * @param onAbandoned told, on the watchdog thread, when a call stays stuck after its interrupt
     */
    void watch(StageCall call, Consumer<StageCall> onAbandoned) {
        watched.add(new Watched(Objects.requireNonNull(call, "call"), Objects.requireNonNull(onAbandoned, "onAbandoned")));
    }

    void unwatch(StageCall call) {
        watched.removeIf(w -> w.call() == call);
    }

    private void loop() {
        try {
            while (!closed.await(tickNanos, TimeUnit.NANOSECONDS)) {
                long now = System.nanoTime();
                for (Watched w : watched) {
                    try {
                        if (w.call().check(now)) {
                            w.onAbandoned().accept(w.call());
                        }
                    } catch (RuntimeException e) {
                        // A bug here must not end the watch over every other pipeline.
                        LOG.error("the watchdog could not check stage {}", w.call().guard().stageId(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Tells the thread to stop after its current tick; does not wait (it may be the caller). */
    void stop() {
        closed.countDown();
    }

    /** Stops the thread and waits for it; an interrupt while waiting is kept on the calling thread. */
    @Override
    public void close() {
        closed.countDown();
        try {
            if (thread.isAlive() && Thread.currentThread() != thread) {
                thread.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
