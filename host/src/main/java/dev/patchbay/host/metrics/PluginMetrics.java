package dev.patchbay.host.metrics;

import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginState;
import dev.patchbay.host.service.HostView;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The per-plugin metrics and the host's state, read from the host's view at scrape time: version (an info
 * metric), state, number of extensions, and records failed in the plugin's stages.
 */
final class PluginMetrics {

    private final Supplier<HostView> view;

    PluginMetrics(Supplier<HostView> view) {
        this.view = Objects.requireNonNull(view, "view");
    }

    void register(PrometheusRegistry registry) {
        GaugeWithCallback.builder().name("patchbay_plugin_info")
                .help("A plugin found by the host, with its version; always 1").labelNames("plugin", "version")
                .callback(cb -> view.get().plugins().forEach(p -> cb.call(1, p.id(), p.version())))
                .register(registry);
        GaugeWithCallback.builder().name("patchbay_plugin_state")
                .help("1 for the plugin's current state, 0 for the others").labelNames("plugin", "state")
                .callback(cb -> view.get().plugins().forEach(p -> {
                    for (PluginState state : PluginState.values()) {
                        cb.call(state == p.state() ? 1 : 0, p.id(), state.name());
                    }
                })).register(registry);
        GaugeWithCallback.builder().name("patchbay_plugin_extensions")
                .help("Extensions the plugin declares").labelNames("plugin")
                .callback(cb -> view.get().plugins().forEach(p -> cb.call(p.extensions().size(), p.id())))
                .register(registry);
        CounterWithCallback.builder().name("patchbay_plugin_records_failed_total")
                .help("Records lost to failures of the plugin's stages, summed over every pipeline and restart")
                .labelNames("plugin")
                .callback(cb -> {
                    HostView now = view.get();
                    Map<String, Long> failed = PipelineMetrics.failedByPlugin(now);
                    for (PluginInfo plugin : now.plugins()) {
                        cb.call(failed.getOrDefault(plugin.id(), 0L), plugin.id());
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("patchbay_host_state")
                .help("1 for the host's current state, 0 for the others").labelNames("state")
                .callback(cb -> {
                    HostView.State current = view.get().state();
                    for (HostView.State state : HostView.State.values()) {
                        cb.call(state == current ? 1 : 0, state.name());
                    }
                }).register(registry);
    }
}
