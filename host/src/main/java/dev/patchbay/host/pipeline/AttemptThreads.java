package dev.patchbay.host.pipeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.MDC;

/**
 * The stage threads of one attempt, made at construction and started together, and the count of those that
 * have ended or were abandoned: the attempt has ended when every thread is counted.
 *
 * <p>Guarding: the lists and sets are guarded by {@code this}; the threads are added only while the attempt is
 * being constructed, before any thread starts.
 */
final class AttemptThreads {

    /** A thread's body; its loop is set once the loop exists, before Thread.start publishes it. */
    private static final class Body implements Runnable {
        private final String pipeline;
        private final Consumer<StageLoop> runner;
        private StageLoop loop;

        Body(String pipeline, Consumer<StageLoop> runner) {
            this.pipeline = pipeline;
            this.runner = runner;
        }

        @Override
        public void run() {
            // For the thread's whole life: everything logged on it, by the host or by plugin code, names the
            // pipeline (README, "Logs").
            MDC.put(MDC_PIPELINE, pipeline);
            try {
                runner.accept(loop);
            } finally {
                MDC.remove(MDC_PIPELINE);
            }
        }
    }

    /** The MDC key holding the pipeline's name on its stage threads. */
    static final String MDC_PIPELINE = "pipeline";

    private final String pipeline;
    private final Consumer<StageLoop> runner;
    private final List<Thread> threads = new ArrayList<>();
    private final List<Body> bodies = new ArrayList<>();
    private final Set<Thread> counted = new HashSet<>();
    private final Set<Thread> abandoned = new HashSet<>();
    private final List<String> abandonedNotes = new ArrayList<>();

    /** @param runner what each thread does with its loop */
    AttemptThreads(String pipeline, Consumer<StageLoop> runner) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /** A new thread {@code pipeline-NAME-ROLE}, not started. */
    synchronized Thread add(String role) {
        Body body = new Body(pipeline, runner);
        Thread thread = new Thread(body, "pipeline-" + pipeline + "-" + role);
        // Daemon: a plugin stuck in a call must not keep the JVM alive after a forced stop.
        thread.setDaemon(true);
        bodies.add(body);
        threads.add(thread);
        return thread;
    }

    synchronized void bind(Thread thread, StageLoop loop) {
        bodies.get(threads.indexOf(thread)).loop = Objects.requireNonNull(loop, "loop");
    }

    synchronized void startAll() {
        threads.forEach(Thread::start);
    }

    /** Counts every thread as ended without starting any; for an attempt stopped before it started. */
    synchronized void countAllUnstarted() {
        counted.addAll(threads);
    }

    /** @return true if this was the last thread to be counted */
    synchronized boolean ended(Thread thread) {
        return counted.add(thread) && counted.size() == threads.size();
    }

    /** A thread stuck in plugin code no longer counts; @return true if it was the last one */
    synchronized boolean abandon(Thread thread, String note) {
        abandoned.add(thread);
        abandonedNotes.add(note);
        return ended(thread);
    }

    synchronized List<String> abandonedNotes() {
        return List.copyOf(abandonedNotes);
    }

    synchronized boolean abandonedAlive() {
        return abandoned.stream().anyMatch(Thread::isAlive);
    }

    /**
     * Waits for the threads that were not abandoned; an abandoned thread may never end, and waiting for it would
     * only delay the exit by the whole grace period.
     */
    boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (Thread thread : waitedFor()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return !alive();
            }
            if (thread.getState() != Thread.State.NEW) {
                TimeUnit.NANOSECONDS.timedJoin(thread, left);
            }
        }
        return !alive();
    }

    /** Whether a thread that was not abandoned is still alive. */
    boolean alive() {
        return waitedFor().stream().anyMatch(Thread::isAlive);
    }

    private synchronized List<Thread> waitedFor() {
        return threads.stream().filter(t -> !abandoned.contains(t)).toList();
    }

    synchronized Thread first() {
        return threads.get(0);
    }

    synchronized List<Thread> all() {
        return List.copyOf(threads);
    }
}
