package dev.patchbay.host.plugin;

import java.nio.file.Path;
import java.util.List;

/**
 * A catalog whose plugins change while the host runs: what a long-running host needs to follow the plugins folder
 * and reload a plugin, and to start a plugin it did not start yet ({@link StartableCatalog#startPlugins}).
 * {@link PluginPlatform} is one.
 */
public interface LiveCatalog extends StartableCatalog {

    /** The folder it loads plugins from. */
    Path pluginsDirectory();

    /**
     * Brings the catalog up to date with the archives now in the plugins folder.
     *
     * @param archives the archives in the folder that have stopped changing
     */
    PluginChanges rescan(List<Path> archives);

    /**
     * Loads every started version of a plugin again, from fresh copies of its archives.
     *
     * @throws IllegalArgumentException if no version of it is started
     */
    PluginChanges reload(String id);
}
