package dev.patchbay.host.plugin;

import dev.patchbay.api.ExtensionFactory;
import dev.patchbay.api.Setting;
import java.util.List;
import java.util.Objects;

/**
 * A started plugin's extension factory, ready to create stages.
 *
 * @param plugin the loaded plugin version that provides it; lease it for as long as its stages live
 * @param descriptor what discovery found out about it
 * @param factory the factory instance, created in the plugin's class loader
 */
public record LoadedExtension(PluginHandle plugin, ExtensionDescriptor descriptor, ExtensionFactory factory) {

    public LoadedExtension {
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(factory, "factory");
    }

    /** The id of the plugin that provides it. */
    public String pluginId() {
        return plugin.id();
    }

    /** The version of the plugin that provides it. */
    public String pluginVersion() {
        return plugin.version();
    }

    /** The scope to enter around every call into the factory and the instances it creates. */
    public PluginScope scope() {
        return plugin.scope();
    }

    /**
     * Returns the factory's settings descriptions, read inside the plugin's scope.
     *
     * @throws RuntimeException or an Error if the plugin's {@code settings()} throws; callers decide how to
     *         report it
     */
    @SuppressWarnings("try") // the scope handle is used only for its close()
    public List<Setting> settings() {
        try (PluginScope.Entered ignored = plugin.scope().enter()) {
            return List.copyOf(factory.settings());
        }
    }
}
