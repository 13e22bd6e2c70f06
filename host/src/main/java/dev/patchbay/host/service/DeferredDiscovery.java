package dev.patchbay.host.service;

import dev.patchbay.host.plugin.StartableCatalog;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers the plugins no pipeline uses on a thread of its own, {@code patchbay-deferred-discovery}, once every
 * pipeline has written its first batch (or {@link #FIRST_WRITES_WAIT} passed), so that neither the first records
 * nor the caller of {@code Host.start()} (serve's admin API, a stop signal) wait for it. Then it runs the action it
 * was given, such as starting the plugins-folder watcher, which must not see the deferred archives as new ones.
 *
 * <p>Thread-safety: {@link #cancel()} and {@link #await(Duration)} may be called from any thread; whether the
 * discovery may still begin is one atomic claim, so a cancel either stops it before it begins or lets it finish.
 */
final class DeferredDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(DeferredDiscovery.class);

    /**
     * How long the discovery waits for every pipeline's first sink write: long enough for a pipeline with input at
     * hand, short enough that one without input (a follow source, an empty file) delays the listing of the others
     * only by this.
     */
    static final Duration FIRST_WRITES_WAIT = Duration.ofSeconds(2);

    private final StartableCatalog catalog;
    private final FirstWrites firstWrites;
    private final Runnable then;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final Thread thread;

    /**
     * @param then run on the discovery thread after the discovery, unless cancelled before it began
     */
    DeferredDiscovery(StartableCatalog catalog, FirstWrites firstWrites, Runnable then) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.firstWrites = Objects.requireNonNull(firstWrites, "firstWrites");
        this.then = Objects.requireNonNull(then, "then");
        this.thread = new Thread(this::run, "patchbay-deferred-discovery");
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            if (!firstWrites.await(FIRST_WRITES_WAIT)) {
                LOG.debug("not every pipeline wrote within {} ms; discovering the plugins no pipeline uses now",
                        FIRST_WRITES_WAIT.toMillis());
            }
        } catch (InterruptedException e) {
            // Only cancel() interrupts this thread, after claiming the discovery: the host is closing.
            Thread.currentThread().interrupt();
            return;
        }
        if (!claimed.compareAndSet(false, true)) {
            return;
        }
        try {
            catalog.discoverDeferred();
        } catch (RuntimeException e) {
            // The pipelines run on the plugins they use; the others stay unlisted until a restart reads them.
            LOG.error("the plugins no pipeline uses could not be discovered; they are not listed until the host "
                    + "restarts: {}", e.getMessage(), e);
        }
        then.run();
    }

    /** Stops the discovery if it has not begun yet; one under way is left to finish (see {@link #await}). */
    void cancel() {
        if (claimed.compareAndSet(false, true)) {
            thread.interrupt();
        }
    }

    /**
     * Waits for the discovery thread to end, at most {@code bound}.
     *
     * @return whether it ended within the bound (true if it never started)
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    boolean await(Duration bound) throws InterruptedException {
        if (thread.getState() == Thread.State.NEW) {
            return true;
        }
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(bound.toNanos())));
        return !thread.isAlive();
    }

    /** The discovery thread, for tests proving it ends. */
    Thread thread() {
        return thread;
    }
}
