package dev.patchbay.host.admin;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin server's threads: a fixed pool of workers ({@code patchbay-admin-N}) with a bounded queue, and one
 * thread, {@code patchbay-admin-overload}, that answers what the pool cannot take with 503. The JDK server reads a
 * request's headers on the executor's thread, so a refused exchange still needs a thread to be answered at all;
 * the overload thread does only that ({@link #overloaded()} tells the handler), with a queue of its own. When that
 * is full too the JDK server resets the connection: a bound is kept either way.
 */
final class AdminExecutor implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(AdminExecutor.class);
    private static final int OVERLOAD_QUEUE = 64;

    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor overload;
    private final ThreadLocal<Boolean> overloadThread = ThreadLocal.withInitial(() -> false);

    AdminExecutor(AdminLimits limits) {
        AtomicInteger serial = new AtomicInteger();
        ThreadFactory workerThreads = runnable -> thread(runnable, "patchbay-admin-" + serial.incrementAndGet());
        BlockingQueue<Runnable> queue = limits.queueCapacity() == 0 ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(limits.queueCapacity());
        overload = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(OVERLOAD_QUEUE),
                runnable -> thread(() -> {
                    overloadThread.set(true);
                    runnable.run();
                }, "patchbay-admin-overload"), (task, pool) -> {
                    LOG.warn("The admin API is saturated and its overload queue is full; closing a connection "
                            + "unanswered");
                    throw new RejectedExecutionException("admin API overloaded");
                });
        workers = new ThreadPoolExecutor(limits.threads(), limits.threads(), 0, TimeUnit.SECONDS, queue,
                workerThreads, (task, pool) -> overload.execute(task));
    }

    @Override
    public void execute(Runnable exchange) {
        workers.execute(exchange);
    }

    /** Whether the calling thread is the overload thread: the request it carries must be answered 503. */
    boolean overloaded() {
        return overloadThread.get();
    }

    /**
     * Stops both pools: no new work, then up to {@code waitMillis} for what runs, then interrupts.
     *
     * @throws InterruptedException when the caller is interrupted while waiting; the pools are then interrupted
     */
    void shutdown(long waitMillis) throws InterruptedException {
        workers.shutdown();
        overload.shutdown();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        try {
            if (!workers.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                    || !overload.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                LOG.warn("Admin API threads still busy {} ms after the server stopped; interrupting them", waitMillis);
                workers.shutdownNow();
                overload.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            overload.shutdownNow();
            throw e;
        }
    }

    boolean terminated() {
        return workers.isTerminated() && overload.isTerminated();
    }

    private static Thread thread(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
