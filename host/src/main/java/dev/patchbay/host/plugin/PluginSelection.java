package dev.patchbay.host.plugin;

import java.util.Set;

/**
 * Which plugins the operator wants loaded, from {@code plugins.enabled} and {@code plugins.disabled}, and which
 * of them may end the JVM, from {@code plugins.allowExit}. An entry of {@code enabled} or {@code disabled} is a plugin
 * id, meaning every version of it, or {@code id@version}, meaning that one version.
 *
 * @param enabled when non-empty, only these plugins (ids or {@code id@version}) are loaded; empty means every
 *        plugin found
 * @param disabled plugins (ids or {@code id@version}) that are never loaded; wins over {@code enabled}
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

    /**
     * Whether the id as a whole is to be loaded: the plain-id entries decide, {@code id@version} entries are left to
     * {@link #isEnabled(String, String)}.
     */
    public boolean isEnabled(String id) {
        if (disabled.contains(id)) {
            return false;
        }
        return enabled.isEmpty() || enabled.contains(id);
    }

    /**
     * Whether this version of the plugin is to be loaded: neither the id nor {@code id@version} is disabled, and
     * {@code enabled} is empty or lists the id or {@code id@version}.
     */
    public boolean isEnabled(String id, String version) {
        String entry = entry(id, version);
        if (disabled.contains(id) || disabled.contains(entry)) {
            return false;
        }
        return enabled.isEmpty() || enabled.contains(id) || enabled.contains(entry);
    }

    /** The {@code id@version} entry that selects one version of a plugin. */
    public static String entry(String id, String version) {
        return id + "@" + version;
    }

    /** Whether the operator allows the plugin with this id to call the methods that end the JVM. */
    public boolean mayExit(String id) {
        return allowExit.contains(id);
    }
}
