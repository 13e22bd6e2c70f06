package dev.patchbay.host.metrics;

import dev.patchbay.host.pipeline.CallObserver;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The call-latency histogram, {@code patchbay_stage_call_duration_seconds}, by pipeline, stage, plugin and call
 * ({@code poll}, {@code process}, {@code write}, {@code flush}): one observation per call into plugin code, which is
 * a poll, a processor's chunk or a sink's batch, never a record. Hand it to {@code Host.open} and to
 * {@link HostMetrics}.
 *
 * <p>Thread-safety: observed from every stage thread at once. Each call site's data point is looked up once and
 * kept, so an observation is a map read of an existing key and the histogram's own lock-free update.
 */
public final class CallLatencyHistogram implements CallObserver {

    /** The metric's name. */
    public static final String NAME = "patchbay_stage_call_duration_seconds";

    /**
     * Upper bounds in seconds: calls take from microseconds (a chunk through a cheap processor) to the call deadline
     * (30 s by default), so the buckets are roughly logarithmic over that range.
     */
    static final double[] BUCKETS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
        1, 2.5, 5, 10, 30};

    private final Histogram histogram = Histogram.builder().name(NAME)
            .help("Time of one call into plugin code: a source poll, a processor chunk, a sink write or flush of a "
                    + "batch; a poll excludes waiting for room in the queue and for the rate limit")
            .labelNames("pipeline", "stage", "plugin", "call").classicOnly().classicUpperBounds(BUCKETS)
            .withoutExemplars().build();
    private final Map<Site, DistributionDataPoint> points = new ConcurrentHashMap<>();

    @Override
    public void observe(Site site, long nanos) {
        DistributionDataPoint point = points.get(site);
        if (point == null) {
            point = points.computeIfAbsent(site,
                    s -> histogram.labelValues(s.pipeline(), s.stage(), s.plugin(), s.call()));
        }
        point.observe(Math.max(0, nanos) / 1e9);
    }

    /** The collector, for {@link HostMetrics} to register. */
    Histogram collector() {
        return histogram;
    }
}
