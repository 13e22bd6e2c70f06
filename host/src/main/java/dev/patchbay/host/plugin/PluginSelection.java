package dev.patchbay.host.plugin;

import java.util.Set;

/**
 * Which plugins the operator wants loaded, from {@code plugins.enabled} and {@code plugins.disabled}, and which
 * of them may end the JVM, from {@code plugins.allowExit}.
 *
 * @param enabled when non-empty, only these plugin ids are loaded; empty means every plugin found
 * @param disabled plugin ids that are never loaded; wins over {@code enabled}
 * @param allowExit plugin ids whose bytecode may call {@code System.exit}, {@code Runtime.exit} or
 *        {@code Runtime.halt}; any other plugin that does is FAILED with EXIT_CALL
 */
public record PluginSelection(Set<String> enabled, Set<String> disabled, Set<String> allowExit) {

    public PluginSelection {
        enabled = Set.copyOf(enabled);
        disabled = Set.copyOf(disabled);
        allowExit = Set.copyOf(allowExit);
    }

    /** A selection that allows no plugin to end the JVM. */
    public PluginSelection(Set<String> enabled, Set<String> disabled) {
        this(enabled, disabled, Set.of());
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

    /** Whether the operator allows the plugin with this id to call the methods that end the JVM. */
    public boolean mayExit(String id) {
        return allowExit.contains(id);
    }
}
