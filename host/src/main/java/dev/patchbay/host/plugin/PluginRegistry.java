package dev.patchbay.host.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The platform's registry: every plugin's published {@link PluginInfo} and, for started plugins, their
 * loaded extensions.
 *
 * <p>Guarding: the state is one immutable {@link Snapshot} held in a volatile field. Readers take the
 * current snapshot without locking and always see one consistent whole (a plugin's state together with its
 * extensions). Writers are serialised by this object's monitor; each write copies the snapshot, changes
 * the copy and publishes it with a single volatile write. Reads therefore never block, and never see a
 * half-applied change.
 */
final class PluginRegistry {

    /** One archive's entry. */
    record Entry(PluginInfo info, Map<String, LoadedExtension> extensions) {
        Entry {
            extensions = Map.copyOf(extensions);
        }
    }

    private record Snapshot(Map<Path, Entry> byPath, List<PluginInfo> sorted) {
        static Snapshot of(Map<Path, Entry> byPath) {
            List<PluginInfo> sorted = new ArrayList<>();
            byPath.values().forEach(entry -> sorted.add(entry.info()));
            sorted.sort(Comparator.comparing(PluginInfo::id).thenComparing(PluginInfo::path));
            return new Snapshot(Map.copyOf(byPath), List.copyOf(sorted));
        }
    }

    private volatile Snapshot snapshot = Snapshot.of(Map.of());

    List<PluginInfo> plugins() {
        return snapshot.sorted();
    }

    Optional<PluginInfo> plugin(String id) {
        return snapshot.sorted().stream().filter(info -> info.id().equals(id)).findFirst();
    }

    Optional<LoadedExtension> extension(String pluginId, ExtensionKind kind, String name) {
        Snapshot current = snapshot;
        return current.sorted().stream().filter(info -> info.id().equals(pluginId)).findFirst()
                .map(info -> current.byPath().get(info.path()))
                .map(entry -> entry.extensions().get(key(kind, name)));
    }

    /** Replaces every entry: the result of a discovery. */
    synchronized void replaceAll(List<PluginInfo> infos) {
        Map<Path, Entry> entries = new LinkedHashMap<>();
        infos.forEach(info -> entries.put(info.path(), new Entry(info, Map.of())));
        snapshot = Snapshot.of(entries);
    }

    /** Publishes a plugin's new state together with its extensions (empty unless STARTED). */
    synchronized void update(PluginInfo info, List<LoadedExtension> extensions) {
        Map<String, LoadedExtension> byKey = new LinkedHashMap<>();
        extensions.forEach(extension -> byKey.put(key(extension.descriptor().kind(), extension.descriptor().name()),
                extension));
        Map<Path, Entry> entries = new LinkedHashMap<>(snapshot.byPath());
        entries.put(info.path(), new Entry(info, byKey));
        snapshot = Snapshot.of(entries);
    }

    private static String key(ExtensionKind kind, String name) {
        return kind.name() + "/" + name;
    }
}
