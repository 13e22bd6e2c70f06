package dev.patchbay.host.plugin;

import java.util.Set;

/**
 * Which plugins the operator wants loaded, from {@code plugins.enabled} and {@code plugins.disabled}.
 *
 * @param enabled when non-empty, only these plugin ids are loaded; empty means every plugin found
 * @param disabled plugin ids that are never loaded; wins over {@code enabled}
 */
public record PluginSelection(Set<String> enabled, Set<String> disabled) {

    public PluginSelection {
        enabled = Set.copyOf(enabled);
        disabled = Set.copyOf(disabled);
    }

    /** Every plugin found is enabled. */
    public static PluginSelection all() {
        return new PluginSelection(Set.of(), Set.of());
    }

    /** Whether the plugin with this id is to be loaded. */
    public boolean isEnabled(String id) {
        if (disabled.contains(id)) {
            return false;
        }
        return enabled.isEmpty() || enabled.contains(id);
    }
}
