package dev.patchbay.host.plugin;

import java.util.Objects;
import java.util.Set;

// TEMP placeholder (to be replaced by platform branch)
public record PluginSelection(Set<String> enabled, Set<String> disabled) {

    public PluginSelection {
        enabled = Set.copyOf(Objects.requireNonNull(enabled, "enabled"));
        disabled = Set.copyOf(Objects.requireNonNull(disabled, "disabled"));
    }

    public static PluginSelection all() {
        return new PluginSelection(Set.of(), Set.of());
    }

    public boolean isEnabled(String id) {
        return !disabled.contains(id) && (enabled.isEmpty() || enabled.contains(id));
    }
}
