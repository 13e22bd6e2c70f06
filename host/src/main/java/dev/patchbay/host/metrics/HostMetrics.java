package dev.patchbay.host.metrics;

import dev.patchbay.host.service.HostView;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The host's metrics in the Prometheus text exposition format (version 0.0.4), for {@code GET /metrics}: the
 * pipelines, stages and plugins read from the host's view when scraped, the call-latency histogram, and the JVM's
 * memory, threads, garbage collection and classes.
 *
 * <p>Everything is registered on a registry of this object's own, never on the client's global default one.
 *
 * <p>Thread-safety: {@link #write} may be called from many threads at once. Each scrape takes one view of the host
 * and every metric of that scrape reads it, so the figures of one scrape are consistent with each other and the
 * host's summary is computed once, not once per metric.
 */
public final class HostMetrics {

    /** The content type of what {@link #write} writes. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final Supplier<HostView> view;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    // The view of the scrape running on this thread; the registry runs the callbacks on the scraping thread.
    private final ThreadLocal<HostView> scraping = new ThreadLocal<>();

    /**
     * Registers the metrics.
     *
     * @param view the host's read model, such as {@code host::view}
     * @param latency the histogram the host's pipelines observe (passed to {@code Host.open})
     */
    public HostMetrics(Supplier<HostView> view, CallLatencyHistogram latency) {
        this.view = Objects.requireNonNull(view, "view");
        Objects.requireNonNull(latency, "latency");
        new PipelineMetrics(this::current).register(registry);
        new PluginMetrics(this::current).register(registry);
        registry.register(latency.collector());
        JvmMetrics.builder().register(registry);
    }

    /** The content type of the exposition: {@code text/plain; version=0.0.4; charset=utf-8}. */
    public String contentType() {
        return CONTENT_TYPE;
    }

    /**
     * Writes every metric in the Prometheus text format. The stream is flushed, not closed.
     *
     * @throws IOException if the stream cannot be written
     */
    public void write(OutputStream out) throws IOException {
        scraping.set(Objects.requireNonNull(view.get(), "the host's view"));
        try {
            writer.write(out, registry.scrape());
        } finally {
            scraping.remove();
        }
        out.flush();
    }

    private HostView current() {
        HostView now = scraping.get();
        return now != null ? now : view.get();
    }
}
