package dev.patchbay.host.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The steps of {@link PluginPlatform#close()}, each collecting what fails instead of stopping at it. */
final class PlatformClose {

    private PlatformClose() {
    }

    /**
     * Unloads every started version, dependents first (the reverse of the start order), then the retired ones still
     * waiting for a lease, and publishes the started ones as STOPPED.
     */
    static void unloadAll(List<String> startOrder, Map<String, LoadedPlugin> loaded,
            Map<PluginHandle, LoadedPlugin> retiring, PluginUnloader unloader, PluginRegistry registry, Set<Path> kept,
            List<Exception> failures) {
        List<LoadedPlugin> all = new ArrayList<>();
        startOrder.forEach(key -> {
            LoadedPlugin plugin = loaded.get(key);
            if (plugin != null) {
                all.add(plugin);
            }
        });
        loaded.values().stream().filter(plugin -> !all.contains(plugin)).forEach(all::add);
        Collections.reverse(all);
        List<PluginRegistry.Change> stopped = new ArrayList<>();
        for (LoadedPlugin plugin : all) {
            failures.addAll(unloader.unload(plugin, kept));
            PluginInfo current = registry.plugin(plugin.plugin().id(), plugin.plugin().info().version())
                    .orElse(plugin.plugin().info());
            if (current.state() == PluginState.STARTED) {
                stopped.add(new PluginRegistry.Change(current.withState(PluginState.STOPPED, List.of()), List.of()));
            }
        }
        for (PluginHandle handle : List.copyOf(retiring.keySet())) {
            LoadedPlugin plugin = retiring.remove(handle);
            if (plugin != null) {
                failures.addAll(unloader.unload(plugin, kept));
            }
        }
        registry.publish(stopped);
        loaded.clear();
    }

    /** Deletes the folders zips were exploded into, but the ones in {@code kept}. */
    static void deleteExploded(Collection<DiscoveredPlugin> plugins, Set<Path> kept, List<Exception> failures) {
        for (DiscoveredPlugin plugin : plugins) {
            Optional<Path> folder = plugin.tempDirectory();
            if (folder.isPresent() && !kept.contains(folder.get())) {
                try {
                    PluginArchive.deleteTree(folder.get());
                } catch (IOException e) {
                    failures.add(e);
                }
            }
        }
    }

    /** @throws UncheckedIOException with the first failure as its cause and the others suppressed */
    static void throwIfAny(List<Exception> failures) {
        if (failures.isEmpty()) {
            return;
        }
        UncheckedIOException failure = new UncheckedIOException("closing the plugin platform left "
                + failures.size() + " problem(s); the first: " + failures.get(0).getMessage(),
                failures.get(0) instanceof IOException io ? io : new IOException(failures.get(0)));
        failures.stream().skip(1).forEach(failure::addSuppressed);
        throw failure;
    }
}
