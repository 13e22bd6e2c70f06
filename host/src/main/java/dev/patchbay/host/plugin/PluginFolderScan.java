package dev.patchbay.host.plugin;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One look at the plugins folder: every entry {@link PluginArchive#list} counts as a plugin, with its fingerprint.
 * An entry that vanishes while it is read is absent from the look; one that cannot be read is listed apart, so that
 * a permission problem is not taken for a removal.
 */
final class PluginFolderScan {

    private final Path folder;

    PluginFolderScan(Path folder) {
        this.folder = Objects.requireNonNull(folder, "folder");
    }

    /**
     * What one look saw.
     *
     * @param entries the entries read, with their fingerprints
     * @param unreadable entries that could not be read, with why
     * @param problem why the folder itself could not be listed, naming it and saying what to do; then both maps are
     *     empty and the look says nothing about the entries
     */
    record Look(Map<Path, PluginFingerprint> entries, Map<Path, String> unreadable, Optional<String> problem) {
        Look {
            entries = Collections.unmodifiableMap(new TreeMap<>(entries));
            unreadable = Collections.unmodifiableMap(new TreeMap<>(unreadable));
            Objects.requireNonNull(problem, "problem");
        }

        static Look failed(String problem) {
            return new Look(Map.of(), Map.of(), Optional.of(problem));
        }
    }

    Look look() {
        Iterable<Path> listed;
        try {
            listed = PluginArchive.list(folder);
        } catch (NoSuchFileException e) {
            return Look.failed("the plugins folder '" + folder + "' does not exist; create it (mkdir -p '" + folder
                    + "') or start the host with the right home");
        } catch (NotDirectoryException e) {
            return Look.failed("the plugins folder '" + folder + "' is not a folder but a file; move that file away"
                    + " and create the folder in its place");
        } catch (IOException e) {
            return Look.failed("the plugins folder '" + folder + "' cannot be listed (" + e
                    + "); give the host's user read access to it");
        }
        Map<Path, PluginFingerprint> entries = new HashMap<>();
        Map<Path, String> unreadable = new HashMap<>();
        for (Path entry : listed) {
            try {
                entries.put(entry, PluginFingerprint.of(entry));
            } catch (NoSuchFileException e) {
                // Removed, or a file inside a folder plugin removed, while it was read: the next look tells which.
                continue;
            } catch (IOException e) {
                unreadable.put(entry, e.toString());
            }
        }
        return new Look(entries, unreadable, Optional.empty());
    }
}
