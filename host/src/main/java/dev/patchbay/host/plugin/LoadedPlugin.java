package dev.patchbay.host.plugin;

import java.util.List;
import java.util.Objects;

/**
 * One started plugin version as the platform keeps it: what discovery found, its class loader, the id pf4j knows
 * it by ({@code id:version#generation}, so that versions and reloads of one id never collide in pf4j), its handle,
 * its extensions, and the leases it holds on the dependency versions its loader links, so that none of them is
 * unloaded while it is loaded.
 */
record LoadedPlugin(DiscoveredPlugin plugin, PatchbayClassLoader loader, String pf4jId, PluginHandle handle,
        List<LoadedExtension> extensions, List<PluginLease> dependencies) {

    LoadedPlugin {
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(pf4jId, "pf4jId");
        Objects.requireNonNull(handle, "handle");
        extensions = List.copyOf(extensions);
        dependencies = List.copyOf(dependencies);
    }

    /** Whether its loader links this version. */
    boolean links(PluginHandle dependency) {
        return dependencies.stream().anyMatch(lease -> lease.plugin() == dependency);
    }

    String key() {
        return plugin.key();
    }
}
