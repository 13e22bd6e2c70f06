package dev.patchbay.testkit;

import dev.patchbay.api.ExtensionFactory;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.SinkFactory;
import dev.patchbay.api.SourceFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A built plugin archive (jar, zip or folder) loaded through the host's real discovery, verification and
 * isolated class loaders, so that a test catches what only a real load shows: a library that is not bundled,
 * a host class the plugin relies on, a broken manifest or service file. The factories it hands out were
 * created by the host inside the plugin's class loader; run them with {@link ProcessorTester},
 * {@link SourceTester} and {@link SinkTester}.
 *
 * <pre>{@code
 * try (PluginUnderTest plugin = PluginUnderTest.load(Path.of("target/my-plugin-1.0.0.jar"))) {
 *     try (ProcessorTester greet = ProcessorTester.create(plugin.processor("greet"), Map.of("name", "Ada"))) {
 *         assertThat(greet.process(Row.empty())).hasSize(1);
 *     }
 * }
 * }</pre>
 *
 * <p>The host, pf4j, slf4j and Logback run in a class loader of their own, extracted from the kit jar into a
 * temporary folder: none of them is on the test class path, and the plugin sees exactly what it sees in
 * production (the JDK, the api, slf4j-api, its own archive and its declared dependencies). {@link #close()}
 * unloads the plugins and deletes the temporary folders. Not thread-safe; one test owns an instance.
 *
 * @since 1.0.0
 */
public final class PluginUnderTest implements AutoCloseable {

    private final IsolatedHost host;
    private final IsolatedHost.Platform platform;
    private final Path folder;
    private final String id;
    private final String version;
    private final List<String> extensions;
    private boolean closed;

    private PluginUnderTest(IsolatedHost host, IsolatedHost.Platform platform, Path folder, Map<String, Object> info) {
        this.host = host;
        this.platform = platform;
        this.folder = folder;
        this.id = (String) info.get("id");
        this.version = (String) info.get("version");
        this.extensions = strings(info.get("extensions"));
    }

    /**
     * Verifies the archive with its dependencies, as {@code patchbay plugins verify} does, then starts it
     * with them in a fresh host.
     *
     * @param archive the plugin's jar, zip or folder, for example {@code target/my-plugin-1.0.0.zip}
     * @param dependencies the archives of the plugins it declares in {@code Plugin-Dependencies}
     * @return the started plugin; close it
     * @throws PluginLoadError if the archive or a dependency fails, listing every problem with its code
     */
    public static PluginUnderTest load(Path archive, Path... dependencies) {
        Objects.requireNonNull(archive, "archive");
        List<Path> archives = new ArrayList<>();
        archives.add(archive.toAbsolutePath());
        for (Path dependency : dependencies) {
            archives.add(Objects.requireNonNull(dependency, "dependency").toAbsolutePath());
        }
        IsolatedHost host = IsolatedHost.start();
        Path folder = null;
        IsolatedHost.Platform platform = null;
        try {
            List<Map<String, Object>> verified = host.verify(archives);
            failOnProblems(archive, verified);
            folder = Files.createTempDirectory("patchbay-testkit-plugins-");
            Path plugins = Files.createDirectory(folder.resolve("plugins"));
            for (int i = 0; i < archives.size(); i++) {
                Path source = archives.get(i);
                TempFiles.copy(source, plugins.resolve(i + "-" + source.getFileName()));
            }
            platform = host.platform(plugins);
            String id = (String) verified.get(0).get("id");
            Map<String, Object> started = platform.plugins().stream().filter(info -> id.equals(info.get("id")))
                    .findFirst().orElseThrow(() -> new PluginLoadError(archive, "plugin '" + id
                            + "' passed verification but the host did not list it", List.of()));
            failOnProblems(archive, platform.plugins());
            if (!"STARTED".equals(started.get("state"))) {
                throw new PluginLoadError(archive, "plugin '" + id + "' from '" + archive + "' is "
                        + started.get("state") + ", not STARTED", strings(started.get("problems")));
            }
            return new PluginUnderTest(host, platform, folder, started);
        } catch (IOException e) {
            cleanUp(host, platform, folder, e);
            throw new UncheckedIOException("cannot copy '" + archive + "' into a temporary plugins folder", e);
        } catch (RuntimeException | Error e) {
            cleanUp(host, platform, folder, e);
            throw e;
        }
    }

    /**
     * Returns the plugin's {@code Plugin-Id}.
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * Returns the plugin's {@code Plugin-Version}.
     *
     * @return the version
     */
    public String version() {
        return version;
    }

    /**
     * Returns the plugin's extensions as {@code kind/name}, such as {@code processor/greet}.
     *
     * @return the extensions, in kind then name order
     */
    public List<String> extensions() {
        return extensions;
    }

    /**
     * Returns the factory of one of the plugin's processors, created by the host in the plugin's class loader.
     *
     * @param name the extension name
     * @return the factory
     * @throws AssertionError if the plugin has no such processor, listing the extensions it has
     */
    public ProcessorFactory processor(String name) {
        return (ProcessorFactory) factory("processor", name);
    }

    /**
     * Returns the factory of one of the plugin's sources.
     *
     * @param name the extension name
     * @return the factory
     * @throws AssertionError if the plugin has no such source
     */
    public SourceFactory source(String name) {
        return (SourceFactory) factory("source", name);
    }

    /**
     * Returns the factory of one of the plugin's sinks.
     *
     * @param name the extension name
     * @return the factory
     * @throws AssertionError if the plugin has no such sink
     */
    public SinkFactory sink(String name) {
        return (SinkFactory) factory("sink", name);
    }

    /**
     * Unloads every plugin, closes the host's class loaders and deletes the temporary folders. Stages created
     * from this plugin's factories must not be used afterwards. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        cleanUp(host, platform, folder, null);
    }

    private ExtensionFactory factory(String kind, String name) {
        Objects.requireNonNull(name, "name");
        if (closed) {
            throw new IllegalStateException("plugin '" + id + "' is closed");
        }
        return platform.factory(id, kind, name).orElseThrow(() -> new AssertionError("plugin '" + id
                + "' has no " + kind + " named '" + name + "'; its extensions are " + extensions));
    }

    private static void failOnProblems(Path archive, List<Map<String, Object>> plugins) {
        List<String> problems = new ArrayList<>();
        String first = null;
        for (int i = 0; i < plugins.size(); i++) {
            Map<String, Object> info = plugins.get(i);
            if (!"FAILED".equals(info.get("state"))) {
                continue;
            }
            String prefix = i == 0 ? "" : "dependency '" + info.get("id") + "': ";
            strings(info.get("problems")).forEach(problem -> problems.add(prefix + problem));
            first = first == null ? (String) info.get("id") : first;
        }
        if (!problems.isEmpty()) {
            throw new PluginLoadError(archive, "plugin archive '" + archive + "' failed to load (" + first
                    + "), as `patchbay plugins verify` reports it:", problems);
        }
    }

    private static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }

    private static void cleanUp(IsolatedHost host, IsolatedHost.Platform platform, Path folder, Throwable failure) {
        RuntimeException first = null;
        for (Runnable step : List.<Runnable>of(
                () -> { if (platform != null) { platform.close(); } },
                host::close,
                () -> { if (folder != null) { TempFiles.deleteTree(folder); } })) {
            try {
                step.run();
            } catch (RuntimeException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                } else if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
