package dev.patchbay.host.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 *
 * <p>Cost: {@link #replaceAll} sorts once and builds the position index by path and by id, which later
 * snapshots share (a plugin's id and path never change after discovery). {@link #publish} applies any
 * number of changes with one linear copy and no sort, so the platform publishes once per dependency level
 * rather than once per plugin; {@link #plugin} and {@link #extension} are hash lookups.
 */
final class PluginRegistry {

    /** One archive's entry. */
    record Entry(PluginInfo info, Map<String, LoadedExtension> extensions) {
        Entry {
            Objects.requireNonNull(info, "info");
            extensions = Map.copyOf(extensions);
        }
    }

    /** A plugin's new state together with its extensions (empty unless STARTED). */
    record Change(PluginInfo info, List<LoadedExtension> extensions) {
        Change {
            Objects.requireNonNull(info, "info");
            extensions = List.copyOf(extensions);
        }
    }

    /** Where each entry sits in the sorted order; shared by every snapshot until the next sort. */
    private record Index(Map<Path, Integer> byPath, Map<String, int[]> byId) {
        static Index of(List<Entry> sorted) {
            Map<Path, Integer> byPath = new HashMap<>();
            Map<String, List<Integer>> positions = new LinkedHashMap<>();
            for (int i = 0; i < sorted.size(); i++) {
                PluginInfo info = sorted.get(i).info();
                byPath.put(info.path(), i);
                positions.computeIfAbsent(info.id(), id -> new ArrayList<>()).add(i);
            }
            Map<String, int[]> byId = new HashMap<>();
            positions.forEach((id, list) -> byId.put(id, list.stream().mapToInt(Integer::intValue).toArray()));
            return new Index(Map.copyOf(byPath), Map.copyOf(byId));
        }
    }

    /** Entries and infos in id, then version, then path order, plus the shared index. */
    private record Snapshot(Entry[] entries, List<PluginInfo> sorted, Index index) {
        static Snapshot of(Entry[] entries, Index index) {
            PluginInfo[] infos = new PluginInfo[entries.length];
            for (int i = 0; i < entries.length; i++) {
                infos[i] = entries[i].info();
            }
            return new Snapshot(entries, List.of(infos), index);
        }

        /** The entries of one id, in the given order. */
        List<Entry> of(String id, Comparator<Entry> order) {
            int[] positions = index.byId().get(id);
            if (positions == null) {
                return List.of();
            }
            List<Entry> found = new ArrayList<>(positions.length);
            for (int position : positions) {
                found.add(entries[position]);
            }
            found.sort(order);
            return found;
        }
    }

    private final Comparator<Entry> order;
    // Highest version first; among equal versions (duplicates), path order.
    private final Comparator<Entry> newestFirst;
    private volatile Snapshot snapshot;

    PluginRegistry(Versions versions) {
        Objects.requireNonNull(versions, "versions");
        this.order = Comparator.comparing((Entry entry) -> entry.info().id())
                .thenComparing((a, b) -> versions.compare(a.info().version(), b.info().version()))
                .thenComparing(entry -> entry.info().path());
        this.newestFirst = Comparator.comparing((Entry entry) -> entry.info().version(), (a, b) -> versions.compare(b, a))
                .thenComparing(entry -> entry.info().path());
        this.snapshot = sorting(List.of());
    }

    PluginRegistry() {
        this(new Versions());
    }

    private Snapshot sorting(List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(order);
        return Snapshot.of(sorted.toArray(Entry[]::new), Index.of(sorted));
    }

    List<PluginInfo> plugins() {
        return snapshot.sorted();
    }

    /** The plugin with this id: its highest version; with two archives of that version, the first in path order. */
    Optional<PluginInfo> plugin(String id) {
        return snapshot.of(id, newestFirst).stream().findFirst().map(Entry::info);
    }

    /** The plugin with this id and version; with two archives of it, the first in path order. */
    Optional<PluginInfo> plugin(String id, String version) {
        return snapshot.of(id, newestFirst).stream().map(Entry::info)
                .filter(info -> info.version().equals(version)).findFirst();
    }

    /** Every version of the plugin with this id, lowest first. */
    List<PluginInfo> versions(String id) {
        List<PluginInfo> versions = new ArrayList<>(snapshot.of(id, newestFirst).stream().map(Entry::info)
                .toList());
        java.util.Collections.reverse(versions);
        return versions;
    }

    /** The extension of the highest started version that has it. */
    Optional<LoadedExtension> extension(String pluginId, ExtensionKind kind, String name) {
        return extension(pluginId, VersionRange.ANY, kind, name);
    }

    /** The extension of the highest started version in the range that has it. */
    Optional<LoadedExtension> extension(String pluginId, VersionRange range, ExtensionKind kind, String name) {
        String key = key(kind, name);
        for (Entry entry : snapshot.of(pluginId, newestFirst)) {
            LoadedExtension extension = entry.extensions().get(key);
            if (extension != null && range.contains(entry.info().version())) {
                return Optional.of(extension);
            }
        }
        return Optional.empty();
    }

    /** The extension of every started version in the range that has it, highest first. */
    List<LoadedExtension> extensions(String pluginId, VersionRange range, ExtensionKind kind, String name) {
        String key = key(kind, name);
        List<LoadedExtension> found = new ArrayList<>();
        for (Entry entry : snapshot.of(pluginId, newestFirst)) {
            LoadedExtension extension = entry.extensions().get(key);
            if (extension != null && range.contains(entry.info().version())) {
                found.add(extension);
            }
        }
        return found;
    }

    /** Replaces every entry: the result of a discovery. */
    synchronized void replaceAll(List<PluginInfo> infos) {
        List<Entry> entries = new ArrayList<>();
        infos.forEach(info -> entries.add(new Entry(info, Map.of())));
        snapshot = sorting(entries);
    }

    /** Replaces every entry with these, each with its extensions: the result of a live change. */
    synchronized void replaceEntries(Iterable<Change> changes) {
        List<Entry> entries = new ArrayList<>();
        changes.forEach(change -> entries.add(new Entry(change.info(), byKey(change.extensions()))));
        snapshot = sorting(entries);
    }

    /** Publishes a plugin's new state together with its extensions (empty unless STARTED). */
    void update(PluginInfo info, List<LoadedExtension> extensions) {
        publish(List.of(new Change(info, extensions)));
    }

    /**
     * Publishes several plugins' new states in one snapshot: readers see all of them or none. A change for
     * a path the registry does not hold, or one that changes a plugin's id or version, is added by sorting again.
     */
    synchronized void publish(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Snapshot current = snapshot;
        Entry[] entries = Arrays.copyOf(current.entries(), current.entries().length);
        Map<Path, Entry> unindexed = new LinkedHashMap<>();
        for (Change change : changes) {
            Entry entry = new Entry(change.info(), byKey(change.extensions()));
            Integer position = current.index().byPath().get(change.info().path());
            if (position != null && entries[position].info().id().equals(change.info().id())
                    && entries[position].info().version().equals(change.info().version())) {
                entries[position] = entry;
            } else {
                unindexed.put(change.info().path(), entry);
            }
        }
        if (unindexed.isEmpty()) {
            snapshot = Snapshot.of(entries, current.index());
            return;
        }
        Map<Path, Entry> all = new LinkedHashMap<>();
        for (Entry entry : entries) {
            all.put(entry.info().path(), entry);
        }
        all.putAll(unindexed);
        snapshot = sorting(new ArrayList<>(all.values()));
    }

    private static Map<String, LoadedExtension> byKey(List<LoadedExtension> extensions) {
        Map<String, LoadedExtension> byKey = new LinkedHashMap<>();
        extensions.forEach(extension -> byKey.put(key(extension.descriptor().kind(), extension.descriptor().name()),
                extension));
        return byKey;
    }

    private static String key(ExtensionKind kind, String name) {
        return kind.name() + "/" + name;
    }
}
