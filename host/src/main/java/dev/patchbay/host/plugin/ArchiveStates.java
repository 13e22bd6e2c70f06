package dev.patchbay.host.plugin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the platform knows of each archive in its plugins folder: what discovery found (before resolution), the
 * archive's {@link ArchiveStamp} when it was read, and whether its current content failed to start, so that a rescan
 * does not start it again until it changes. Confined to the thread holding the platform's lifecycle lock.
 */
final class ArchiveStates {

    /** What a rescan found: the archives that went, and those to read again (new or changed). */
    record Difference(Set<Path> gone, Set<Path> refresh) {
        Difference {
            gone = Set.copyOf(gone);
            refresh = Set.copyOf(refresh);
        }

        boolean isEmpty() {
            return gone.isEmpty() && refresh.isEmpty();
        }
    }

    private final Map<Path, DiscoveredPlugin> discovered = new LinkedHashMap<>();
    private final Map<Path, ArchiveStamp> stamps = new HashMap<>();
    private final Set<Path> failedStarts = new HashSet<>();

    /** Records what discovery found in an archive, replacing what it found before; its start may be tried again. */
    void put(DiscoveredPlugin plugin) {
        Path path = plugin.info().path();
        discovered.put(path, plugin);
        failedStarts.remove(path);
        try {
            stamps.put(path, ArchiveStamp.of(path));
        } catch (IOException unreadable) {
            // No stamp: the next rescan reads it again.
            stamps.remove(path);
        }
    }

    /** Forgets an archive that left the folder. */
    void remove(Path path) {
        discovered.remove(path);
        stamps.remove(path);
        failedStarts.remove(path);
    }

    DiscoveredPlugin get(Path path) {
        return discovered.get(path);
    }

    Collection<DiscoveredPlugin> all() {
        return List.copyOf(discovered.values());
    }

    /** Compares the archives now in the folder with those recorded. */
    Difference compare(List<Path> archives) {
        Map<Path, ArchiveStamp> now = new LinkedHashMap<>();
        for (Path archive : archives) {
            try {
                now.put(archive, ArchiveStamp.of(archive));
            } catch (IOException vanished) {
                // Gone between the listing and now: it counts as absent, and the next rescan looks again.
            }
        }
        Set<Path> gone = new HashSet<>(discovered.keySet());
        gone.removeAll(now.keySet());
        Set<Path> refresh = new HashSet<>();
        now.forEach((path, stamp) -> {
            if (!stamp.equals(stamps.get(path))) {
                refresh.add(path);
            }
        });
        return new Difference(gone, refresh);
    }

    /** Remembers the archives whose content resolved but did not start, among these outcomes. */
    void rememberFailedStarts(List<PluginInfo> outcomes) {
        for (PluginInfo info : outcomes) {
            DiscoveredPlugin plugin = discovered.get(info.path());
            if (info.state() == PluginState.FAILED && plugin != null
                    && plugin.info().state() == PluginState.RESOLVED) {
                failedStarts.add(info.path());
            }
        }
    }

    /** Whether a rescan may try to start this archive: its current content has not failed to start. */
    boolean mayStart(Path path) {
        return !failedStarts.contains(path);
    }
}
