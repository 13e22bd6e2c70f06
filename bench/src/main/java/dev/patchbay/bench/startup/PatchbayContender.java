package dev.patchbay.bench.startup;

import dev.patchbay.host.plugin.ExtensionDescriptor;
import dev.patchbay.host.plugin.LoadedExtension;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginPlatform;
import dev.patchbay.host.plugin.PluginSelection;
import dev.patchbay.host.plugin.PluginState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Contender (a): the Patchbay plugin platform, {@code new PluginPlatform(dir, PluginSelection.all())} then
 * {@code start()}, which discovers, verifies and isolates every plugin and instantiates every factory; then every
 * extension listed is looked up in the catalog, so that "all extensions known" means reachable through the
 * product's own API.
 */
final class PatchbayContender {

    private PatchbayContender() {
    }

    static StartupContender.Loaded load(Path dir) {
        PluginPlatform platform = new PluginPlatform(dir, PluginSelection.all());
        platform.start();
        List<LoadedExtension> loaded = new ArrayList<>();
        for (PluginInfo plugin : platform.plugins()) {
            if (plugin.state() != PluginState.STARTED) {
                throw new IllegalStateException("plugin " + plugin.id() + " is " + plugin.state() + ": "
                        + plugin.problems());
            }
            for (ExtensionDescriptor descriptor : plugin.extensions()) {
                loaded.add(platform.extension(plugin.id(), descriptor.kind(), descriptor.name())
                        .orElseThrow(() -> new IllegalStateException("extension " + descriptor.reference(plugin.id())
                                + " is listed but has no loaded factory")));
            }
        }
        return new StartupContender.Loaded(loaded.size(), List.of(platform, loaded), platform);
    }

    /** Discovery only: every archive read, checked and resolved, no class loader created. */
    static StartupContender.Loaded discover(Path dir) {
        PluginPlatform platform = new PluginPlatform(dir, PluginSelection.all());
        int extensions = 0;
        for (PluginInfo plugin : platform.discover()) {
            if (plugin.state() != PluginState.RESOLVED) {
                throw new IllegalStateException("plugin " + plugin.id() + " is " + plugin.state() + ": "
                        + plugin.problems());
            }
            extensions += plugin.extensions().size();
        }
        return new StartupContender.Loaded(extensions, platform, platform);
    }
}
