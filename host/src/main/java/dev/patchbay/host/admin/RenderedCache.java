package dev.patchbay.host.admin;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A response rendered at most once per {@code maxAge}: requests within that time share the same bytes, and requests
 * that arrive while it renders wait for it rather than render it again. It keeps a poll-heavy endpoint
 * ({@code /pipelines}, {@code /metrics}) from costing the pipelines CPU in proportion to its callers: 200 clients
 * polling as fast as they can cost a few renders a second. {@link #invalidate()} drops it, so that a command's
 * effect is seen by the next read.
 *
 * <p>Guarding: the cached response and its time are guarded by {@code this}; rendering happens under the monitor, which
 * is what makes concurrent requests wait instead of rendering too.
 */
final class RenderedCache {

    /** Long enough to coalesce a burst of callers, short enough that a console refreshing every 2 s sees new figures. */
    static final Duration MAX_AGE = Duration.ofMillis(250);

    private final RouteHandler render;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private Response cached;
    private long renderedAt;

    RenderedCache(RouteHandler render, Duration maxAge, LongSupplier nanoTime) {
        this.render = Objects.requireNonNull(render, "render");
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    RenderedCache(RouteHandler render) {
        this(render, MAX_AGE, System::nanoTime);
    }

    /** The cached response while it is younger than the maximum age, else a new one. */
    synchronized Response get(Request request) throws Exception {
        long now = nanoTime.getAsLong();
        if (cached == null || now - renderedAt >= maxAgeNanos) {
            cached = render.handle(request);
            renderedAt = now;
        }
        return cached;
    }

    synchronized void invalidate() {
        cached = null;
    }
}
