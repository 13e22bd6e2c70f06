package dev.patchbay.host.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bookkeeping of one live change of the platform (a rescan or a reload), between what was loaded and what
 * the new start produced. Three kinds of loaded versions are touched:
 * <ul>
 *   <li>gone: their archive left the plugins folder; they and, transitively, the versions that link them are
 *       retired whatever else happens;</li>
 *   <li>replaced: their archive changed or is reloaded; they and their dependents are loaded again, and each is
 *       retired only if its new load started, so a bad new load leaves the previous one running;</li>
 *   <li>kept: everything else, untouched.</li>
 * </ul>
 * Confined to the thread holding the platform's lifecycle lock.
 */
final class LiveUpdate {

    /**
     * @param entries the registry's new entries, one per archive, each with its extensions
     * @param started the versions whose new load started
     * @param failed the versions whose new load failed
     * @param retired the previous loads to retire
     */
    record Outcome(List<PluginRegistry.Change> entries, List<PluginInfo> started, List<PluginInfo> failed,
            List<LoadedPlugin> retired) {
        Outcome {
            entries = List.copyOf(entries);
            started = List.copyOf(started);
            failed = List.copyOf(failed);
            retired = List.copyOf(retired);
        }
    }

    private final Map<String, LoadedPlugin> loaded;
    private final Set<LoadedPlugin> retireAlways;
    private final Set<LoadedPlugin> replaced;
    private final Set<Path> reread = new LinkedHashSet<>();

    /**
     * @param loaded the started versions by key
     * @param gone the archives that left the plugins folder
     * @param refresh the archives to read again: new, changed or reloaded ones
     */
    LiveUpdate(Map<String, LoadedPlugin> loaded, Set<Path> gone, Set<Path> refresh) {
        this.loaded = Map.copyOf(loaded);
        this.retireAlways = closure(atPaths(gone));
        Set<LoadedPlugin> replacing = closure(atPaths(refresh));
        replacing.removeAll(retireAlways);
        this.replaced = replacing;
        reread.addAll(refresh);
        replaced.forEach(plugin -> reread.add(plugin.plugin().info().path()));
        retireAlways.forEach(plugin -> {
            Path path = plugin.plugin().info().path();
            if (!gone.contains(path)) {
                reread.add(path);
            }
        });
    }

    /** The archives to discover again: the refreshed ones and those of every dependent loaded again. */
    Set<Path> rereadPaths() {
        return Set.copyOf(reread);
    }

    /** The loads that stay as they are. */
    Map<String, LoadedPlugin> kept() {
        Map<String, LoadedPlugin> kept = new LinkedHashMap<>(loaded);
        kept.values().removeIf(plugin -> retireAlways.contains(plugin) || replaced.contains(plugin));
        return kept;
    }

    /**
     * Decides the outcome once the new loads ran: a replaced version whose new load did not start goes back into
     * {@code next}, still running.
     *
     * @param next the kept loads plus the new ones that started; receives the replaced ones that stay
     * @param infos every archive's info after the new loads, by path
     */
    Outcome settle(Map<String, LoadedPlugin> next, List<PluginInfo> infos) {
        Set<Path> startedPaths = new HashSet<>();
        List<PluginInfo> started = new ArrayList<>();
        for (LoadedPlugin plugin : next.values()) {
            if (!loaded.containsValue(plugin)) {
                startedPaths.add(plugin.plugin().info().path());
                started.add(plugin.plugin().info().withState(PluginState.STARTED, List.of()));
            }
        }
        List<LoadedPlugin> retired = new ArrayList<>(retireAlways);
        for (LoadedPlugin old : replaced) {
            if (!startedPaths.contains(old.plugin().info().path()) && !next.containsKey(old.key())) {
                next.put(old.key(), old);
            } else {
                retired.add(old);
            }
        }
        Map<Path, LoadedPlugin> byPath = new LinkedHashMap<>();
        next.values().forEach(plugin -> byPath.put(plugin.plugin().info().path(), plugin));
        List<PluginRegistry.Change> entries = new ArrayList<>();
        List<PluginInfo> failed = new ArrayList<>();
        for (PluginInfo info : infos) {
            LoadedPlugin running = byPath.get(info.path());
            if (running != null) {
                entries.add(new PluginRegistry.Change(running.plugin().info().withState(PluginState.STARTED,
                        List.of()), running.extensions()));
            } else {
                entries.add(new PluginRegistry.Change(info, List.of()));
            }
            if (info.state() == PluginState.FAILED && reread.contains(info.path())) {
                failed.add(info);
            }
        }
        return new Outcome(entries, started, failed, retired);
    }

    private Set<LoadedPlugin> atPaths(Set<Path> paths) {
        Set<LoadedPlugin> found = new LinkedHashSet<>();
        loaded.values().stream().filter(plugin -> paths.contains(plugin.plugin().info().path())).forEach(found::add);
        return found;
    }

    /** The given loads and, transitively, every load that links one of them. */
    private Set<LoadedPlugin> closure(Set<LoadedPlugin> roots) {
        Set<LoadedPlugin> all = new LinkedHashSet<>(roots);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (LoadedPlugin candidate : loaded.values()) {
                if (!all.contains(candidate) && all.stream().anyMatch(target -> candidate.links(target.handle()))) {
                    all.add(candidate);
                    grew = true;
                }
            }
        }
        return all;
    }
}
