package dev.patchbay.host.service;

import dev.patchbay.host.pipeline.RunSummary;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginState;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the host is doing now, for the admin API, the metrics and the CLI; an immutable snapshot.
 *
 * @param state the host's own state
 * @param at when the snapshot was taken
 * @param plugins every plugin found, in id order, with the state operators see (a plugin disabled while the host
 *        runs is DISABLED although its code stays loaded until the host stops)
 * @param pipelines each pipeline's state and figures, in configuration order
 */
public record HostView(State state, Instant at, List<PluginInfo> plugins, RunSummary pipelines) {

    /** The host's lifecycle. */
    public enum State {
        /** Its pipelines run, or have ended and stay visible. */
        RUNNING,
        /** A shutdown was asked for: the pipelines drain and commit. */
        STOPPING,
        /** Every pipeline has ended after a shutdown. */
        STOPPED
    }

    public HostView {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
        plugins = List.copyOf(plugins);
        Objects.requireNonNull(pipelines, "pipelines");
    }

    /** The plugin with this id. */
    public Optional<PluginInfo> plugin(String id) {
        return plugins.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The pipeline with this name. */
    public Optional<RunSummary.PipelineSummary> pipeline(String name) {
        return pipelines.pipelines().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * Why the host is not ready, one reason per line; empty when it is ready: it is running, every enabled plugin
     * has started, and no pipeline has failed beyond its restart policy.
     */
    public List<String> notReady() {
        java.util.ArrayList<String> reasons = new java.util.ArrayList<>();
        if (state != State.RUNNING) {
            reasons.add("the host is " + state.name().toLowerCase(java.util.Locale.ROOT));
        }
        for (PluginInfo plugin : plugins) {
            // A RESOLVED plugin is installed and checked, but no pipeline uses it, so it was not started (issue 13).
            if (plugin.state() == PluginState.FAILED) {
                reasons.add("plugin '" + plugin.id() + "' " + plugin.version() + " is " + plugin.state()
                        + (plugin.problems().isEmpty() ? "" : ": " + plugin.problems().get(0).message()));
            }
        }
        for (RunSummary.PipelineSummary pipeline : pipelines.pipelines()) {
            if (pipeline.state().equals("FAILED")) {
                reasons.add("pipeline '" + pipeline.name() + "' failed and is not restarted again: "
                        + pipeline.error());
            } else if (pipeline.waitingFor() != null) {
                reasons.add("pipeline '" + pipeline.name() + "' waits for a plugin: " + pipeline.waitingFor());
            }
        }
        return List.copyOf(reasons);
    }
}
