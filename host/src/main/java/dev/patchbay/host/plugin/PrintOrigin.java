package dev.patchbay.host.plugin;

import java.util.Objects;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * Whose code wrote a console line: the plugin and, when the writing thread had one, the pipeline stage.
 *
 * @param pluginId the plugin id, never blank
 * @param stage the MDC {@code stage} of the writing thread, such as {@code demo/processors[0]}
 */
record PrintOrigin(String pluginId, Optional<String> stage) {

    PrintOrigin {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(stage, "stage");
        if (pluginId.isBlank()) {
            throw new IllegalArgumentException("plugin id '" + pluginId + "' is blank; a console line needs the id"
                    + " of the plugin that wrote it");
        }
    }

    /**
     * The origin of a write from the current thread, or empty if the thread is not running plugin code. A
     * thread runs plugin code when MDC {@code plugin} is set ({@link PluginScope} sets it on every call into
     * a plugin) or, failing that, when its context class loader is a plugin's: threads a plugin starts
     * inherit the loader but not the MDC.
     */
    static Optional<PrintOrigin> ofCurrentThread() {
        String plugin = MDC.get(PluginScope.MDC_PLUGIN);
        Optional<String> id = plugin == null || plugin.isBlank()
                ? pluginOf(Thread.currentThread().getContextClassLoader())
                : Optional.of(plugin);
        return id.map(pluginId -> new PrintOrigin(pluginId, Optional.ofNullable(MDC.get(PluginLoggers.MDC_STAGE))));
    }

    /**
     * The plugin whose class loader this is or, for a loader a plugin made itself, descends from; empty for
     * the host's loaders.
     */
    static Optional<String> pluginOf(ClassLoader loader) {
        for (ClassLoader current = loader; current != null; current = current.getParent()) {
            if (current instanceof PatchbayClassLoader plugin) {
                return Optional.of(plugin.pluginId());
            }
        }
        return Optional.empty();
    }
}
