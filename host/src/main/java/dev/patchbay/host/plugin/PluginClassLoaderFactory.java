package dev.patchbay.host.plugin;

import java.nio.file.Path;
import java.util.List;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * Creates a started plugin's isolated class loader. The platform calls it only from {@code start()}, once
 * per enabled plugin that resolved; discovery never does. Tests inject a counting factory to prove it.
 */
@FunctionalInterface
interface PluginClassLoaderFactory {

    PatchbayClassLoader create(PluginManager manager, PluginDescriptor descriptor, List<Path> roots,
            List<PatchbayClassLoader.DependencyLink> dependencies);

    /** The production factory. */
    static PluginClassLoaderFactory standard() {
        return PatchbayClassLoader::new;
    }
}
