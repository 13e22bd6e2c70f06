package dev.patchbay.host.plugin;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A change of the stable entries of the plugins folder, as {@link PluginFolderWatcher} reports it: every stable
 * entry now, and the entries added, removed and changed since the last report. Immutable; the collections are in
 * path order.
 *
 * @param snapshot every stable entry now, with its fingerprint
 * @param added entries new in the snapshot
 * @param removed entries no longer in it
 * @param changed entries in both whose fingerprint changed
 */
public record PluginFolderChange(Map<Path, PluginFingerprint> snapshot, Set<Path> added, Set<Path> removed,
        Set<Path> changed) {

    public PluginFolderChange {
        snapshot = sortedCopy(snapshot);
        added = sortedCopy(added);
        removed = sortedCopy(removed);
        changed = sortedCopy(changed);
        requireIn(snapshot, added, "added");
        requireIn(snapshot, changed, "changed");
        for (Path path : removed) {
            if (snapshot.containsKey(path)) {
                throw new IllegalArgumentException("'" + path + "' is reported removed but is in the snapshot");
            }
        }
        for (Path path : added) {
            if (changed.contains(path)) {
                throw new IllegalArgumentException("'" + path + "' is reported both added and changed");
            }
        }
    }

    @Override
    public String toString() {
        return "added " + added + ", removed " + removed + ", changed " + changed + " (" + snapshot.size()
                + " stable)";
    }

    private static void requireIn(Map<Path, PluginFingerprint> snapshot, Set<Path> paths, String what) {
        for (Path path : paths) {
            if (!snapshot.containsKey(path)) {
                throw new IllegalArgumentException("'" + path + "' is reported " + what
                        + " but is not in the snapshot");
            }
        }
    }

    private static SortedMap<Path, PluginFingerprint> sortedCopy(Map<Path, PluginFingerprint> map) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }

    private static SortedSet<Path> sortedCopy(Set<Path> set) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(set));
    }
}
