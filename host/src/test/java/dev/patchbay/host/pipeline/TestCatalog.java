package dev.patchbay.host.pipeline;

import dev.patchbay.api.Extension;
import dev.patchbay.api.ExtensionFactory;
import dev.patchbay.host.plugin.ExtensionCatalog;
import dev.patchbay.host.plugin.ExtensionDescriptor;
import dev.patchbay.host.plugin.ExtensionKind;
import dev.patchbay.host.plugin.LoadedExtension;
import dev.patchbay.host.plugin.PluginHandle;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginScope;
import dev.patchbay.host.plugin.PluginState;
import dev.patchbay.host.plugin.Problem;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An in-memory catalog of test plugins whose factories are ordinary test objects. */
final class TestCatalog implements ExtensionCatalog {

    private final Map<String, PluginInfo> plugins = new LinkedHashMap<>();
    private final Map<String, LoadedExtension> extensions = new LinkedHashMap<>();

    /** Adds a STARTED plugin with the given factories, whose kinds follow from their interfaces. */
    TestCatalog plugin(String id, ExtensionFactory... factories) {
        return plugin(id, PluginState.STARTED, List.of(), factories);
    }

    TestCatalog plugin(String id, PluginState state, List<Problem> problems, ExtensionFactory... factories) {
        List<ExtensionDescriptor> descriptors = new ArrayList<>();
        PluginScope scope = new PluginScope(id,
                new URLClassLoader("plugin-" + id, new URL[0], TestCatalog.class.getClassLoader()));
        PluginHandle handle = PluginHandle.standalone(id, "1.0.0", scope);
        for (ExtensionFactory factory : factories) {
            ExtensionKind kind = kindOf(factory);
            Extension annotation = factory.getClass().getAnnotation(Extension.class);
            String name = annotation != null ? annotation.name() : ((Named) factory).name();
            ExtensionDescriptor descriptor = new ExtensionDescriptor(kind, name, "", factory.getClass().getName());
            descriptors.add(descriptor);
            if (state == PluginState.STARTED) {
                extensions.put(key(id, kind, name), new LoadedExtension(handle, descriptor, factory));
            }
        }
        plugins.put(id, new PluginInfo(id, "1.0.0", "test", "Apache-2.0", "", "*", List.of(),
                Path.of(id + ".jar"), state, descriptors, problems));
        return this;
    }

    /** Lets one factory class serve under several names in tests. */
    interface Named {
        String name();
    }

    private static ExtensionKind kindOf(ExtensionFactory factory) {
        for (ExtensionKind kind : ExtensionKind.values()) {
            if (kind.factoryType().isInstance(factory)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("not a factory: " + factory);
    }

    private static String key(String id, ExtensionKind kind, String name) {
        return id + "/" + kind + "/" + name;
    }

    @Override
    public List<PluginInfo> plugins() {
        return List.copyOf(plugins.values());
    }

    @Override
    public Optional<LoadedExtension> extension(String pluginId, ExtensionKind kind, String name) {
        return Optional.ofNullable(extensions.get(key(pluginId, kind, name)));
    }
}
