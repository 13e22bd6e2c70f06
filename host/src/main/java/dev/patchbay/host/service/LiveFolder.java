package dev.patchbay.host.service;

import dev.patchbay.host.pipeline.PipelineRuntime;
import dev.patchbay.host.plugin.LiveCatalog;
import dev.patchbay.host.plugin.PluginChanges;
import dev.patchbay.host.plugin.PluginFolderChange;
import dev.patchbay.host.plugin.PluginFolderWatcher;
import dev.patchbay.host.plugin.PluginInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live plugins in a long-running host: follows the plugins folder with a {@link PluginFolderWatcher}, hands every
 * settled change to the catalog, and then lets the runtime bring its pipelines onto the versions started now (drain
 * and swap, wait, resume). A reload of one plugin takes the same path.
 *
 * <p>Guarding: {@code this} serialises the changes, from the watcher's thread and from the admin API's, so that the
 * runtime always acts on the result of the last one.
 */
final class LiveFolder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveFolder.class);

    /** How long an archive must stay unchanged before it is read, and how often the folder is listed anyway. */
    static final PluginFolderWatcher.Settings SETTINGS = new PluginFolderWatcher.Settings(Duration.ofMillis(500),
            Duration.ofSeconds(2), false);

    /** What a reload did, as the operator reads it. */
    record Outcome(String message, PluginChanges changes, List<String> pipelines) {
    }

    private final LiveCatalog catalog;
    private final PipelineRuntime runtime;
    private final PluginFolderWatcher watcher;

    LiveFolder(LiveCatalog catalog, PipelineRuntime runtime, PluginFolderWatcher.Settings settings) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.watcher = new PluginFolderWatcher(catalog.pluginsDirectory(), settings, this::changed);
    }

    /** Starts watching; what changed between the plugins' start and now is applied at once. */
    void start() {
        watcher.start();
        apply(List.copyOf(watcher.stable().keySet()), "the plugins folder changed while the host started");
    }

    private void changed(PluginFolderChange change) {
        apply(List.copyOf(change.snapshot().keySet()), "the plugins folder changed: " + change);
    }

    private synchronized void apply(List<Path> archives, String why) {
        PluginChanges changes = catalog.rescan(archives);
        if (changes.isEmpty()) {
            return;
        }
        LOG.info("{}; started {}, failed {}, removed {}", why, names(changes.started()), names(changes.failed()),
                names(changes.removed()));
        runtime.pluginsChanged();
    }

    /**
     * Loads a plugin again and swaps the pipelines that use it onto the new load.
     *
     * @throws IllegalArgumentException if no version of it is started
     */
    synchronized Outcome reload(String id) {
        PluginChanges changes = catalog.reload(id);
        List<String> pipelines = runtime.pluginsChanged();
        String message = "plugin '" + id + "': reloaded " + names(changes.started())
                + (changes.failed().isEmpty() ? "" : "; failed to reload " + names(changes.failed())
                        + ", whose previous load keeps running")
                + (pipelines.isEmpty() ? "; no running pipeline uses it" : "; " + String.join("; ", pipelines));
        LOG.info("{}", message);
        return new Outcome(message, changes, pipelines);
    }

    private static List<String> names(List<PluginInfo> infos) {
        List<String> names = new ArrayList<>();
        infos.forEach(info -> names.add(info.id() + " " + info.version()));
        return names;
    }

    @Override
    public void close() {
        watcher.close();
    }
}
