package dev.patchbay.bench.startup;

import dev.patchbay.host.plugin.ExtensionCatalog;
import dev.patchbay.host.plugin.ExtensionDescriptor;
import dev.patchbay.host.plugin.LoadedExtension;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginState;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Contender (a): the Patchbay plugin platform, {@code new PluginPlatform(dir, PluginSelection.all())} then
 * {@code start()}, which discovers, verifies and isolates every plugin and instantiates every factory; then every
 * extension listed is looked up in the catalog.
 *
 * <p>The platform class is reached reflectively so that this module builds before the platform lands on main;
 * the reflective calls happen once per run and cost nothing measurable next to loading the plugins.
 */
final class PatchbayContender {

    static final String PLATFORM = "dev.patchbay.host.plugin.PluginPlatform";
    static final String SELECTION = "dev.patchbay.host.plugin.PluginSelection";

    private PatchbayContender() {
    }

    static StartupContender.Loaded load(Path dir) throws ReflectiveOperationException {
        Class<?> platformType;
        Class<?> selectionType;
        try {
            platformType = Class.forName(PLATFORM);
            selectionType = Class.forName(SELECTION);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the Patchbay plugin platform is not on the class path of this build; "
                    + "merge main into the bench branch and rebuild with mvn -pl bench -am package", e);
        }
        Object selection = selectionType.getMethod("all").invoke(null);
        Object platform = platformType.getConstructor(Path.class, selectionType).newInstance(dir, selection);
        try {
            platformType.getMethod("start").invoke(platform);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("PluginPlatform.start() failed on " + dir, e.getCause());
        }
        ExtensionCatalog catalog = (ExtensionCatalog) platform;
        List<LoadedExtension> loaded = new ArrayList<>();
        for (PluginInfo plugin : catalog.plugins()) {
            if (plugin.state() != PluginState.STARTED) {
                throw new IllegalStateException("plugin " + plugin.id() + " is " + plugin.state() + ": "
                        + plugin.problems());
            }
            for (ExtensionDescriptor descriptor : plugin.extensions()) {
                loaded.add(catalog.extension(plugin.id(), descriptor.kind(), descriptor.name())
                        .orElseThrow(() -> new IllegalStateException("extension " + descriptor.reference(plugin.id())
                                + " is listed but has no loaded factory")));
            }
        }
        return new StartupContender.Loaded(loaded.size(), List.of(platform, loaded));
    }
}
