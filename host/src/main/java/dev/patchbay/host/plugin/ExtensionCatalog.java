package dev.patchbay.host.plugin;

import java.util.List;
import java.util.Optional;

/**
 * What the rest of the host (configuration checks, the pipeline runtime, the CLI) needs from the plugin
 * platform: the plugins with their states and problems, and the started extensions.
 */
public interface ExtensionCatalog {

    /** Every plugin found in the plugins folder, in id order, with its state and problems. */
    List<PluginInfo> plugins();

    /**
     * Returns a started extension.
     *
     * @return empty if the plugin is absent, not started, or has no extension of that kind and name
     */
    Optional<LoadedExtension> extension(String pluginId, ExtensionKind kind, String name);
}
