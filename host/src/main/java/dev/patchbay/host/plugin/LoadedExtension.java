package dev.patchbay.host.plugin;

import dev.patchbay.api.ExtensionFactory;
import java.util.Objects;

/**
 * A started plugin's extension factory, ready to create stages.
 *
 * @param pluginId the id of the plugin that provides it
 * @param descriptor what discovery found out about it
 * @param factory the factory instance, created in the plugin's class loader
 * @param scope the scope to enter around every call into the factory and the instances it creates
 */
public record LoadedExtension(String pluginId, ExtensionDescriptor descriptor, ExtensionFactory factory,
        PluginScope scope) {

    public LoadedExtension {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(scope, "scope");
    }
}
