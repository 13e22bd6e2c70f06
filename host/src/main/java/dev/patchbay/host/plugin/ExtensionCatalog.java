package dev.patchbay.host.plugin;

import java.util.List;
import java.util.Optional;

/**
 * What the rest of the host (configuration checks, the pipeline runtime, the CLI) needs from the plugin
 * platform: the plugins with their states and problems, and the started extensions. Several versions of one
 * plugin may be installed; each is its own entry in {@link #plugins()}.
 */
public interface ExtensionCatalog {

    /** Every plugin archive found in the plugins folder, in id then version order, with its state and problems. */
    List<PluginInfo> plugins();

    /**
     * Returns a started extension of the highest started version of the plugin that provides it.
     *
     * @return empty if the plugin is absent, not started, or has no extension of that kind and name
     */
    Optional<LoadedExtension> extension(String pluginId, ExtensionKind kind, String name);

    /**
     * Returns a started extension of the highest started version of the plugin in {@code range} that provides it.
     * Catalogs that hold one version per plugin need not override it.
     *
     * @return empty if no started version in the range has an extension of that kind and name
     */
    default Optional<LoadedExtension> extension(String pluginId, VersionRange range, ExtensionKind kind,
            String name) {
        return extension(pluginId, kind, name).filter(extension -> range.contains(extension.pluginVersion()));
    }

    /**
     * Every started version of the plugin in {@code range} that provides the extension, highest first: what a
     * stage may use, for a caller that must skip some (a version that failed to create the stage).
     */
    default List<LoadedExtension> extensions(String pluginId, VersionRange range, ExtensionKind kind, String name) {
        return extension(pluginId, range, kind, name).map(List::of).orElse(List.of());
    }

    /**
     * Explains class-loading failures of the catalog's plugins by the loaders and files involved. Catalogs without
     * class loaders of their own need not override it.
     */
    default ClassOrigins classOrigins() {
        return ClassOrigins.NONE;
    }
}
