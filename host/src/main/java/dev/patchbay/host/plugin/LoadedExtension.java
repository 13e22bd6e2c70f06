package dev.patchbay.host.plugin;

import dev.patchbay.api.ExtensionFactory;
import dev.patchbay.api.Setting;
import java.util.List;
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

    /**
     * Returns the factory's settings descriptions, read inside the plugin's scope.
     *
     * @throws RuntimeException or an Error if the plugin's {@code settings()} throws; callers decide how to
     *         report it
     */
    @SuppressWarnings("try") // the scope handle is used only for its close()
    public List<Setting> settings() {
        try (PluginScope.Entered ignored = scope.enter()) {
            return List.copyOf(factory.settings());
        }
    }
}
