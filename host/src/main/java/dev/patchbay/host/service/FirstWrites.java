package dev.patchbay.host.service;

import dev.patchbay.host.pipeline.CallObserver;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Tells when every pipeline has handed its first batch to its sink: the host waits for that, within a bound, before
 * it discovers the plugins no pipeline uses, so that discovery does not take the cores from the first records.
 * Passes every call on to the observer it wraps. Thread-safe: stage threads call {@link #observe}.
 */
final class FirstWrites implements CallObserver {

    private final CallObserver delegate;
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();
    private final CountDownLatch written;

    /**
     * @param pipelines the names of the pipelines to wait for
     * @param delegate told of every call, as if it observed the runtime itself
     */
    FirstWrites(Collection<String> pipelines, CallObserver delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        waiting.addAll(pipelines);
        this.written = new CountDownLatch(waiting.size());
    }

    @Override
    public void observe(Site site, long nanos) {
        if (delegate != CallObserver.NOOP) {
            delegate.observe(site, nanos);
        }
        if ("sink".equals(site.stage()) && "write".equals(site.call()) && waiting.remove(site.pipeline())) {
            written.countDown();
        }
    }

    /**
     * Waits until every pipeline's sink has returned from its first write, or {@code bound} passed (a pipeline with
     * no input yet, or one that ended without writing, must not hold the caller longer).
     *
     * @return whether every pipeline wrote within the bound
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    boolean await(Duration bound) throws InterruptedException {
        return written.await(bound.toNanos(), TimeUnit.NANOSECONDS);
    }
}
