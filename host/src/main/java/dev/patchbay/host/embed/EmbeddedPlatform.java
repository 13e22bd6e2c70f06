package dev.patchbay.host.embed;

import dev.patchbay.api.ExtensionFactory;
import dev.patchbay.host.plugin.ExtensionDescriptor;
import dev.patchbay.host.plugin.ExtensionKind;
import dev.patchbay.host.plugin.LoadedExtension;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginPlatform;
import dev.patchbay.host.plugin.PluginSelection;
import dev.patchbay.host.plugin.PluginVerifier;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The plugin platform for a caller that lives in another class loader and shares only the JDK and the api with
 * the host: the test kit's {@code PluginUnderTest}, which runs the host in an isolated class loader so that
 * pf4j, slf4j and the host never reach a plugin author's test class path.
 *
 * <p>Every public member takes and returns JDK and api types only, so the caller can reach it reflectively
 * without linking against any host class. A plugin is described as a map with the keys {@code id},
 * {@code version}, {@code path} (a {@link Path}), {@code state}, {@code problems} (a list of
 * {@code "PB-PLUGIN-nnn: message"} strings) and {@code extensions} (a list of {@code "kind/name"} strings).
 *
 * <p>Not thread-safe beyond what {@link PluginPlatform} guarantees; one caller owns an instance.
 */
public final class EmbeddedPlatform implements AutoCloseable {

    private final PluginPlatform platform;

    /**
     * Discovers and starts every plugin in a folder, all enabled.
     *
     * @param pluginsDirectory the folder holding the plugin archives
     */
    public EmbeddedPlatform(Path pluginsDirectory) {
        this.platform = new PluginPlatform(Objects.requireNonNull(pluginsDirectory, "pluginsDirectory"),
                PluginSelection.all());
        platform.start();
    }

    /**
     * Runs {@code patchbay plugins verify} on archives, together.
     *
     * @param archives plugin jars, zips or folders
     * @return one description per archive, in the order given; state {@code RESOLVED} when it passed
     */
    public static List<Map<String, Object>> verify(List<Path> archives) {
        return PluginVerifier.startingInProcess().verify(archives).stream().map(EmbeddedPlatform::describe).toList();
    }

    /**
     * Describes every plugin of the platform.
     *
     * @return the descriptions, in id order
     */
    public List<Map<String, Object>> plugins() {
        return platform.plugins().stream().map(EmbeddedPlatform::describe).toList();
    }

    /**
     * Returns a started extension's factory, created by the host in the plugin's class loader.
     *
     * @param pluginId the plugin id
     * @param kind {@code source}, {@code processor} or {@code sink}
     * @param name the extension name
     * @return the factory, or empty if there is no such started extension
     */
    public Optional<ExtensionFactory> factory(String pluginId, String kind, String name) {
        ExtensionKind extensionKind = ExtensionKind.ofLabel(kind)
                .orElseThrow(() -> new IllegalArgumentException("unknown extension kind '" + kind + "'"));
        return platform.extension(pluginId, extensionKind, name).map(LoadedExtension::factory);
    }

    /** Stops and unloads every plugin, closes their class loaders and deletes exploded zips. */
    @Override
    public void close() {
        platform.close();
    }

    private static Map<String, Object> describe(PluginInfo info) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", info.id());
        map.put("version", info.version());
        map.put("path", info.path());
        map.put("state", info.state().name());
        map.put("problems", info.problems().stream().map(Object::toString).toList());
        map.put("extensions", info.extensions().stream().map(EmbeddedPlatform::label).toList());
        return Map.copyOf(map);
    }

    private static String label(ExtensionDescriptor descriptor) {
        return descriptor.kind().label() + "/" + descriptor.name();
    }
}
