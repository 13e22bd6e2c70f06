package dev.patchbay.host.plugin;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** The platform's named daemon threads, and a factory that remembers them so that their owner can join them. */
final class PlatformThreads {

    private static final long JOIN_SECONDS = 30;

    private PlatformThreads() {
    }

    /**
     * Daemon threads named {@code PREFIX1}, {@code PREFIX2} ...: a thread left inside plugin code must not keep
     * the JVM alive.
     */
    static ThreadFactory named(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Remembers the threads a pool creates, so that discovery and start can return only once those threads
     * have ended: an executor reports termination when its last worker leaves its loop, slightly before that
     * worker's thread is dead.
     */
    static final class Tracked implements ThreadFactory {

        private final ThreadFactory delegate;
        private final List<Thread> created = new CopyOnWriteArrayList<>();

        Tracked(ThreadFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = delegate.newThread(runnable);
            created.add(thread);
            return thread;
        }

        /** Waits, at most 30 seconds each, for every thread created that {@code abandoned} does not accept. */
        void join(String stage, Predicate<Thread> abandoned) {
            try {
                for (Thread thread : created) {
                    if (abandoned.test(thread)) {
                        continue;
                    }
                    thread.join(TimeUnit.SECONDS.toMillis(JOIN_SECONDS));
                    if (thread.isAlive()) {
                        throw new IllegalStateException("plugin " + stage + " thread '" + thread.getName()
                                + "' did not end within " + JOIN_SECONDS + " seconds");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the plugin " + stage
                        + " threads to end", e);
            }
        }
    }
}
