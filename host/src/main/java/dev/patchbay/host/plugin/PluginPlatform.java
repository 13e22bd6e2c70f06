package dev.patchbay.host.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;

// TEMP placeholder (to be replaced by platform branch): reads manifests only, never starts anything.
public final class PluginPlatform implements ExtensionCatalog, AutoCloseable {

    private final Path pluginsDirectory;
    private final PluginSelection selection;
    private List<PluginInfo> plugins = List.of();

    public PluginPlatform(Path pluginsDirectory, PluginSelection selection) {
        this.pluginsDirectory = pluginsDirectory;
        this.selection = selection;
    }

    public synchronized List<PluginInfo> discover() {
        List<PluginInfo> found = new ArrayList<>();
        if (Files.isDirectory(pluginsDirectory)) {
            try (Stream<Path> files = Files.list(pluginsDirectory)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                    found.add(read(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        found.sort(Comparator.comparing(PluginInfo::id));
        plugins = List.copyOf(found);
        return plugins;
    }

    private PluginInfo read(Path file) {
        try (JarFile jar = new JarFile(file.toFile())) {
            Attributes attributes = jar.getManifest() == null ? new Attributes() : jar.getManifest().getMainAttributes();
            String id = attributes.getValue("Plugin-Id");
            if (id == null) {
                return failed(file, new Problem(ProblemCode.MISSING_DESCRIPTOR, "no Plugin-Id"));
            }
            String version = Optional.ofNullable(attributes.getValue("Plugin-Version")).orElse("");
            PluginState state = selection.isEnabled(id) ? PluginState.RESOLVED : PluginState.DISABLED;
            return new PluginInfo(id, version, value(attributes, "Plugin-Provider"), value(attributes, "Plugin-License"),
                    value(attributes, "Plugin-Description"), Optional.ofNullable(attributes.getValue("Plugin-Requires"))
                            .orElse("*"), List.of(), file, state, List.of(), List.of());
        } catch (IOException e) {
            return failed(file, new Problem(ProblemCode.CORRUPT_ARCHIVE, e.toString()));
        }
    }

    private static String value(Attributes attributes, String name) {
        return Optional.ofNullable(attributes.getValue(name)).orElse("");
    }

    private static PluginInfo failed(Path file, Problem problem) {
        return new PluginInfo(file.getFileName().toString(), "", "", "", "", "*", List.of(), file, PluginState.FAILED,
                List.of(), List.of(problem));
    }

    public synchronized List<PluginInfo> start() {
        return discover();
    }

    @Override
    public synchronized List<PluginInfo> plugins() {
        return plugins;
    }

    public Optional<PluginInfo> plugin(String id) {
        return plugins().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    @Override
    public Optional<LoadedExtension> extension(String pluginId, ExtensionKind kind, String name) {
        return Optional.empty();
    }

    @Override
    public void close() {
    }
}
