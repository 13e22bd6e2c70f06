package dev.patchbay.host.plugin;

import java.nio.file.Path;
import java.util.List;
import org.pf4j.DefaultPluginDescriptor;

/** Plugin class loaders made outside a platform: empty ones, for code that only asks a loader which plugin it
 * belongs to, and ones that read one jar, for tests of what a plugin's code leaves behind. */
final class PluginLoaders {

    private PluginLoaders() {
    }

    /** A loader for plugin {@code id} with nothing on its class path; the caller closes it. */
    static PatchbayClassLoader empty(String id, Path pluginsRoot) {
        PatchbayPluginManager manager = new PatchbayPluginManager(pluginsRoot, "1.0.0", new Versions());
        DefaultPluginDescriptor descriptor = new DefaultPluginDescriptor(id, "", "", "1.0.0", "*", "", "");
        return new PatchbayClassLoader(manager, descriptor, List.of(), List.of());
    }

    /** A loader for plugin {@code id} that reads its classes from one jar; the caller closes it. */
    static PatchbayClassLoader of(String id, Path pluginsRoot, Path jar) {
        PatchbayPluginManager manager = new PatchbayPluginManager(pluginsRoot, "1.0.0", new Versions());
        DefaultPluginDescriptor descriptor = new DefaultPluginDescriptor(id, "", "", "1.0.0", "*", "", "");
        return new PatchbayClassLoader(manager, descriptor, List.of(jar), List.of());
    }
}
