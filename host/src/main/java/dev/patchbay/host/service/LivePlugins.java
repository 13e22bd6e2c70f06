package dev.patchbay.host.service;

import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.pipeline.PipelineRuntime;
import dev.patchbay.host.pipeline.PipelineStateException;
import dev.patchbay.host.pipeline.RunSummary;
import dev.patchbay.host.plugin.ExtensionCatalog;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enabling and disabling plugins while the host runs. Disabling a started plugin stops, gracefully and saying
 * why, every running pipeline with a stage of it, and keeps them from being started or restarted; enabling it
 * again starts the pipelines its disable stopped. Both are persisted first, through the
 * {@link PluginSelectionStore}. The plugin's code stays loaded until the host stops: unloading it is the live
 * plugins work (design/TODO.md). A plugin the host did not load at start can be enabled in the configuration
 * only; that takes effect at the next start, and the outcome says so.
 *
 * <p>{@code id@version} selects one version: the choice is persisted and takes effect at the next start, and the host
 * says so; a plain id keeps the live behaviour above.
 *
 * <p>Guarding: the disabled set and the pipelines each disable stopped are guarded by {@code this}; a command
 * holds the monitor from its check to its last change, so two operators' commands never interleave.
 */
final class LivePlugins {

    private static final Logger LOG = LoggerFactory.getLogger(LivePlugins.class);

    /** What an enable or disable did, in a sentence, and whether it took effect in this host. */
    record Outcome(String message, boolean live) {
    }

    private final ExtensionCatalog catalog;
    private final List<PipelineConfig> pipelines;
    private final PipelineRuntime runtime;
    private final PluginSelectionStore store;
    private final Supplier<RunSummary> summary;
    private final Set<String> disabled = new HashSet<>();
    private final Set<String> enabledForNextStart = new HashSet<>();
    private final Map<String, Set<String>> stoppedBy = new HashMap<>();
    private final Set<String> versionsEnabled = new HashSet<>();
    private final Set<String> versionsDisabled = new HashSet<>();

    LivePlugins(ExtensionCatalog catalog, List<PipelineConfig> pipelines, PipelineRuntime runtime,
            PluginSelectionStore store, Supplier<RunSummary> summary) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.pipelines = List.copyOf(pipelines);
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.store = Objects.requireNonNull(store, "store");
        this.summary = Objects.requireNonNull(summary, "summary");
    }

    /** Every plugin, with the state this host's commands gave it. */
    synchronized List<PluginInfo> plugins() {
        List<PluginInfo> all = new ArrayList<>();
        for (PluginInfo plugin : catalog.plugins()) {
            all.add(disabled.contains(plugin.id()) ? plugin.withState(PluginState.DISABLED, List.of()) : plugin);
        }
        return all;
    }

    synchronized Outcome disable(String id) {
        if (id.indexOf('@') >= 0) {
            return selectVersion(id, false);
        }
        PluginInfo plugin = find(id);
        if (disabled.contains(id) || plugin.state() == PluginState.DISABLED && !enabledForNextStart.contains(id)) {
            throw new HostStateException("plugin '" + id + "' is already disabled");
        }
        persist(id, false);
        if (plugin.state() != PluginState.STARTED) {
            enabledForNextStart.remove(id);
            LOG.info("plugin '{}' {}: disabled in the configuration; it was not loaded", id, plugin.version());
            return new Outcome("plugin '" + id + "' is disabled in the configuration", true);
        }
        disabled.add(id);
        String reason = "plugin '" + id + "' was disabled";
        Set<String> stopped = new LinkedHashSet<>();
        Set<String> ended = new HashSet<>();
        summary.get().pipelines().stream().filter(RunSummary.PipelineSummary::ended)
                .forEach(p -> ended.add(p.name()));
        for (PipelineConfig pipeline : pipelines) {
            if (uses(pipeline, id) && !ended.contains(pipeline.name())) {
                try {
                    runtime.stop(pipeline.name(), reason);
                    stopped.add(pipeline.name());
                } catch (PipelineStateException endedMeanwhile) {
                    // It ended between the check and the stop: there is nothing to stop.
                }
            }
        }
        stoppedBy.put(id, stopped);
        LOG.info("plugin '{}' {}: disabled; stopping the pipelines that use it: {}", id, plugin.version(),
                stopped.isEmpty() ? "none running" : stopped);
        return new Outcome("plugin '" + id + "' is disabled"
                + (stopped.isEmpty() ? "" : "; stopping pipelines " + stopped), true);
    }

    synchronized Outcome enable(String id) {
        if (id.indexOf('@') >= 0) {
            return selectVersion(id, true);
        }
        PluginInfo plugin = find(id);
        if (disabled.contains(id)) {
            persist(id, true);
            disabled.remove(id);
            Set<String> again = new LinkedHashSet<>();
            for (String name : stoppedBy.getOrDefault(id, Set.of())) {
                if (blockedBy(name).isEmpty() && startAgain(name)) {
                    again.add(name);
                }
            }
            stoppedBy.remove(id);
            LOG.info("plugin '{}' {}: enabled; starting again the pipelines its disable stopped: {}", id,
                    plugin.version(), again.isEmpty() ? "none" : again);
            return new Outcome("plugin '" + id + "' is enabled"
                    + (again.isEmpty() ? "" : "; starting pipelines " + again), true);
        }
        if (plugin.state() != PluginState.DISABLED || enabledForNextStart.contains(id)) {
            throw new HostStateException("plugin '" + id + "' is already enabled (" + plugin.state() + ")");
        }
        persist(id, true);
        enabledForNextStart.add(id);
        LOG.info("plugin '{}' {}: enabled in the configuration; this host did not load it, so it is loaded at the "
                + "next start", id, plugin.version());
        return new Outcome("plugin '" + id + "' is enabled in the configuration; this host did not load it at "
                + "start, so restart the host to load it", false);
    }

    /**
     * Enables or disables one version, {@code id@version}: persisted, and in effect from the next start. The versions
     * this host loaded keep serving their pipelines meanwhile (swapping a pipeline to another version live is the
     * reload work of issue 11).
     */
    private Outcome selectVersion(String entry, boolean enable) {
        int at = entry.indexOf('@');
        String id = entry.substring(0, at);
        String version = entry.substring(at + 1);
        List<PluginInfo> ofId = catalog.plugins().stream().filter(p -> p.id().equals(id)).toList();
        if (ofId.isEmpty()) {
            find(id);
        }
        PluginInfo plugin = ofId.stream().filter(p -> p.version().equals(version)).findFirst()
                .orElseThrow(() -> new NoSuchPluginException(entry, ofId.stream()
                        .map(p -> p.id() + "@" + p.version()).toList()));
        Set<String> chosen = enable ? versionsEnabled : versionsDisabled;
        Set<String> other = enable ? versionsDisabled : versionsEnabled;
        boolean loaded = plugin.state() != PluginState.DISABLED && !disabled.contains(id);
        if (chosen.contains(entry) || !other.contains(entry) && loaded == enable) {
            throw new HostStateException("plugin '" + id + "' " + version + " is already "
                    + (enable ? "enabled" : "disabled"));
        }
        persist(entry, enable);
        other.remove(entry);
        chosen.add(entry);
        String verb = enable ? "enabled" : "disabled";
        LOG.info("plugin '{}' {}: {} in the configuration; it takes effect at the next start", id, version, verb);
        return new Outcome("plugin '" + id + "' " + version + " is " + verb + " in the configuration; this host keeps"
                + " the versions it loaded at start until it restarts", false);
    }

    /** The disabled plugins a pipeline has a stage of; empty when it may run. */
    synchronized List<String> blockedBy(String pipeline) {
        return pipelines.stream().filter(p -> p.name().equals(pipeline)).findFirst()
                .map(p -> disabled.stream().filter(id -> uses(p, id)).sorted().toList()).orElse(List.of());
    }

    private boolean startAgain(String name) {
        try {
            runtime.start(name);
            return true;
        } catch (PipelineStateException e) {
            // Still draining from the stop, or started by an operator meanwhile: leave it to them, and say so.
            LOG.warn("pipeline '{}': not started again after its plugin was enabled: {}", name, e.getMessage());
            return false;
        }
    }

    private PluginInfo find(String id) {
        return catalog.plugins().stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchPluginException(id, catalog.plugins().stream().map(PluginInfo::id)
                        .toList()));
    }

    private void persist(String id, boolean enabled) {
        try {
            Set<String> known = new HashSet<>();
            catalog.plugins().forEach(p -> {
                known.add(p.id());
                known.add(p.id() + "@" + p.version());
            });
            store.persist(id, enabled, known);
        } catch (IOException e) {
            throw new UncheckedIOException("plugin '" + id + "' was not " + (enabled ? "enabled" : "disabled")
                    + ": " + e.getMessage(), e);
        }
    }

    static boolean uses(PipelineConfig pipeline, String pluginId) {
        return PipelinePlugins.stages(pipeline).stream().anyMatch(stage -> stage.use().startsWith(pluginId + "/"));
    }
}
