package dev.patchbay.host.admin;

import dev.patchbay.host.metrics.HostMetrics;
import java.io.ByteArrayOutputStream;
import java.util.Objects;

/**
 * {@code GET /metrics}: the host's metrics in the Prometheus text format, rendered at most every
 * {@link RenderedCache#MAX_AGE} however many scrapers ask.
 */
public final class MetricsRoute {

    private MetricsRoute() {
    }

    /** The route over {@code metrics}; a read, so it needs the token only when the API is not on loopback. */
    public static Route of(HostMetrics metrics) {
        Objects.requireNonNull(metrics, "metrics");
        RenderedCache scrape = new RenderedCache(request -> {
            ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
            metrics.write(body);
            return new Response(200, metrics.contentType(), body.toByteArray());
        });
        return Route.read("/metrics", scrape::get);
    }
}
