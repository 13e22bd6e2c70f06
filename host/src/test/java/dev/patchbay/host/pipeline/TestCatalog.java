package dev.patchbay.host.pipeline;

import dev.patchbay.api.Extension;
import dev.patchbay.api.ExtensionFactory;
import dev.patchbay.api.Sequential;
import dev.patchbay.host.plugin.ExtensionCatalog;
import dev.patchbay.host.plugin.ExtensionDescriptor;
import dev.patchbay.host.plugin.ExtensionKind;
import dev.patchbay.host.plugin.LoadedExtension;
import dev.patchbay.host.plugin.PluginHandle;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginScope;
import dev.patchbay.host.plugin.PluginState;
import dev.patchbay.host.plugin.Problem;
import dev.patchbay.host.plugin.VersionRange;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory catalog of test plugins whose factories are ordinary test objects. It may hold several versions of
 * one id; like the platform, it answers with the highest started version (in a range, when one is given).
 */
final class TestCatalog implements ExtensionCatalog {

    private static final String DEFAULT_VERSION = "1.0.0";

    private final Map<String, PluginInfo> plugins = new LinkedHashMap<>();
    private final Map<String, LoadedExtension> extensions = new LinkedHashMap<>();

    /** Adds a STARTED plugin, version 1.0.0, with the given factories, whose kinds follow from their interfaces. */
    TestCatalog plugin(String id, ExtensionFactory... factories) {
        return plugin(id, PluginState.STARTED, List.of(), factories);
    }

    /** Adds a plugin, version 1.0.0, in the given state; only a STARTED one offers its extensions. */
    TestCatalog plugin(String id, PluginState state, List<Problem> problems, ExtensionFactory... factories) {
        return version(id, DEFAULT_VERSION, state, problems, factories);
    }

    /** Adds a STARTED version of a plugin, next to the versions of that id already added. */
    TestCatalog version(String id, String version, ExtensionFactory... factories) {
        return version(id, version, PluginState.STARTED, List.of(), factories);
    }

    /** Adds a version of a plugin in the given state; adding the same id and version again replaces it. */
    TestCatalog version(String id, String version, PluginState state, List<Problem> problems,
            ExtensionFactory... factories) {
        List<ExtensionDescriptor> descriptors = new ArrayList<>();
        PluginScope scope = new PluginScope(id,
                new URLClassLoader("plugin-" + id, new URL[0], TestCatalog.class.getClassLoader()));
        PluginHandle handle = PluginHandle.standalone(id, version, scope);
        extensions.keySet().removeIf(key -> key.startsWith(id + "@" + version + "/"));
        for (ExtensionFactory factory : factories) {
            ExtensionKind kind = kindOf(factory);
            Extension annotation = factory.getClass().getAnnotation(Extension.class);
            String name = annotation != null ? annotation.name() : ((Named) factory).name();
            ExtensionDescriptor descriptor = new ExtensionDescriptor(kind, name, "", factory.getClass().getName(),
                    !factory.getClass().isAnnotationPresent(Sequential.class));
            descriptors.add(descriptor);
            if (state == PluginState.STARTED) {
                extensions.put(key(id, version, kind, name), new LoadedExtension(handle, descriptor, factory));
            }
        }
        plugins.put(id + "@" + version, new PluginInfo(id, version, "test", "Apache-2.0", "", "*", List.of(),
                Path.of(id + "-" + version + ".jar"), state, descriptors, problems));
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

    private static String key(String id, String version, ExtensionKind kind, String name) {
        return id + "@" + version + "/" + kind + "/" + name;
    }

    @Override
    public List<PluginInfo> plugins() {
        // Ids in the order added, as before versions could sit side by side; the versions of one id lowest first.
        List<String> ids = plugins.values().stream().map(PluginInfo::id).distinct().toList();
        return plugins.values().stream().sorted(Comparator.comparing((PluginInfo p) -> ids.indexOf(p.id()))
                .thenComparing(PluginInfo::version, VersionRange::compare)).toList();
    }

    @Override
    public Optional<LoadedExtension> extension(String pluginId, ExtensionKind kind, String name) {
        return extension(pluginId, VersionRange.ANY, kind, name);
    }

    @Override
    public Optional<LoadedExtension> extension(String pluginId, VersionRange range, ExtensionKind kind,
            String name) {
        return extensions.values().stream()
                .filter(e -> e.pluginId().equals(pluginId) && e.descriptor().kind() == kind
                        && e.descriptor().name().equals(name) && range.contains(e.pluginVersion()))
                .max(Comparator.comparing(LoadedExtension::pluginVersion, VersionRange::compare));
    }
}
