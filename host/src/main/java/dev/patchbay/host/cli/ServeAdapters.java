package dev.patchbay.host.cli;

import dev.patchbay.host.admin.AdminApi;
import dev.patchbay.host.admin.MetricsRoute;
import dev.patchbay.host.admin.Route;
import dev.patchbay.host.metrics.CallLatencyHistogram;
import dev.patchbay.host.metrics.HostMetrics;
import dev.patchbay.host.pipeline.CallObserver;
import dev.patchbay.host.service.Host;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What {@code patchbay serve} runs beside the host: the admin API with {@code GET /metrics} and {@code more}. */
final class ServeAdapters implements ServeCommand.Adapters {

    private final CallLatencyHistogram latency = new CallLatencyHistogram();
    private final List<Route> more;

    /** @param more further read routes, such as the web console's files */
    ServeAdapters(List<Route> more) {
        this.more = List.copyOf(Objects.requireNonNull(more, "more"));
    }

    @Override
    public CallObserver calls() {
        return latency;
    }

    @Override
    public AutoCloseable start(Host host) throws Exception {
        List<Route> routes = new ArrayList<>(more);
        routes.add(MetricsRoute.of(new HostMetrics(host::view, latency)));
        return AdminApi.start(host, routes);
    }
}
