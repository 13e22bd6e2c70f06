package dev.patchbay.host.plugin;

import dev.patchbay.api.ExtensionFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.pf4j.PluginRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The plugin platform: discovers the plugins in a folder without running their code, resolves them
 * against each other and the api version, starts them in isolated class loaders through pf4j, and serves
 * their extension factories.
 *
 * <p>Lifecycle: {@link #discover()} (code-free, idempotent) publishes every plugin as DISABLED, RESOLVED or
 * FAILED; {@link #start()} turns each RESOLVED plugin, dependencies first, into STARTED or FAILED;
 * {@link #close()} turns STARTED plugins into STOPPED and releases everything. A bad plugin only ever fails
 * itself and the plugins that depend on it.
 *
 * <p>Thread safety: {@code discover}, {@code start} and {@code close} are serialised by a lifecycle lock,
 * which also guards the pf4j manager and the class loaders. {@code plugins}, {@code plugin} and
 * {@code extension} read the registry's immutable snapshot without locking, so they may be called from any
 * thread at any time, including while the lifecycle methods run.
 */
public final class PluginPlatform implements ExtensionCatalog, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PluginPlatform.class);

    /** Lists the archives to work on. */
    @FunctionalInterface
    interface ArchiveSource {
        List<Path> archives() throws IOException;
    }

    private final ArchiveSource source;
    private final Path root;
    private final PluginSelection selection;
    private final PluginDiscovery discovery;
    private final PluginResolution resolution;
    private final PluginClassLoaderFactory classLoaders;
    private final ThreadFactory discoveryThreads;
    private final boolean logProblems;
    private final Versions versions = new Versions();
    private final PluginRegistry registry = new PluginRegistry();

    private final ReentrantLock lifecycle = new ReentrantLock();
    // The fields below are guarded by the lifecycle lock.
    private Map<Path, DiscoveredPlugin> discovered;
    private List<String> startOrder = List.of();
    private PatchbayPluginManager manager;
    private final Map<String, PatchbayClassLoader> loaders = new HashMap<>();
    private boolean started;
    private boolean closed;

    /**
     * @param pluginsDirectory the folder holding plugin jars, zips and folders
     * @param selection which plugin ids are enabled
     */
    public PluginPlatform(Path pluginsDirectory, PluginSelection selection) {
        this(directorySource(pluginsDirectory), pluginsDirectory, selection, PluginClassLoaderFactory.standard(),
                discoveryThreads(), "the plugin '{id}' to the plugins folder", true);
    }

    PluginPlatform(ArchiveSource source, Path root, PluginSelection selection, PluginClassLoaderFactory classLoaders,
            ThreadFactory discoveryThreads, String missingHint) {
        this(source, root, selection, classLoaders, discoveryThreads, missingHint, true);
    }

    /**
     * @param logProblems whether each plugin problem is also logged as a warning and each start at INFO; the
     *                    verifier returns its problems to the caller instead and reports no plugin as started
     */
    PluginPlatform(ArchiveSource source, Path root, PluginSelection selection, PluginClassLoaderFactory classLoaders,
            ThreadFactory discoveryThreads, String missingHint, boolean logProblems) {
        this.source = Objects.requireNonNull(source, "source");
        this.root = Objects.requireNonNull(root, "root");
        this.selection = Objects.requireNonNull(selection, "selection");
        this.classLoaders = Objects.requireNonNull(classLoaders, "classLoaders");
        this.discoveryThreads = Objects.requireNonNull(discoveryThreads, "discoveryThreads");
        this.logProblems = logProblems;
        this.discovery = new PluginDiscovery(versions, dev.patchbay.api.ApiVersion.current());
        this.resolution = new PluginResolution(versions, missingHint);
    }

    /** The platform the verifier uses: exactly these archives, every one enabled. */
    static PluginPlatform forArchives(List<Path> archives, PluginClassLoaderFactory classLoaders) {
        List<Path> copy = List.copyOf(archives);
        Path root = copy.isEmpty() ? Path.of(".") : copy.get(0).toAbsolutePath().getParent();
        return new PluginPlatform(() -> copy, root, PluginSelection.all(), classLoaders, discoveryThreads(),
                "the archive of '{id}' to the same verify run", false);
    }

    /**
     * Reads every plugin's manifest and, for enabled plugins, its service files and factory class files,
     * without creating a class loader or running plugin code. Archives are read in parallel. Idempotent.
     *
     * @return every plugin, in id order: DISABLED, RESOLVED or FAILED with problems
     * @throws IllegalStateException if the platform is closed
     * @throws UncheckedIOException if the plugins folder cannot be listed
     */
    public List<PluginInfo> discover() {
        lifecycle.lock();
        try {
            ensureOpen();
            ensureDiscovered();
            return plugins();
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * Discovers if needed, then starts every RESOLVED plugin, dependencies first: creates its isolated class
     * loader, starts it through pf4j and instantiates its factories with ServiceLoader. Idempotent.
     *
     * @return every plugin, in id order; the ones that were RESOLVED are now STARTED or FAILED
     * @throws IllegalStateException if the platform is closed
     */
    public List<PluginInfo> start() {
        lifecycle.lock();
        try {
            ensureOpen();
            ensureDiscovered();
            if (!started) {
                started = true;
                for (String id : startOrder) {
                    PluginMdc mdc = new PluginMdc(id);
                    try {
                        startPlugin(id);
                    } finally {
                        mdc.close();
                    }
                }
            }
            return plugins();
        } finally {
            lifecycle.unlock();
        }
    }

    @Override
    public List<PluginInfo> plugins() {
        return registry.plugins();
    }

    /** The plugin with this id; with a duplicate id, the first in path order. */
    public Optional<PluginInfo> plugin(String id) {
        return registry.plugin(id);
    }

    @Override
    public Optional<LoadedExtension> extension(String pluginId, ExtensionKind kind, String name) {
        return registry.extension(pluginId, kind, name);
    }

    /**
     * Stops and unloads every started plugin (dependents first), closes the class loaders and deletes the
     * folders zips were exploded into. STARTED plugins become STOPPED. Idempotent.
     *
     * @throws UncheckedIOException if a temporary folder cannot be deleted (after everything else is done)
     */
    @Override
    public void close() {
        lifecycle.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            List<Exception> failures = new ArrayList<>();
            List<String> reverse = new ArrayList<>(startOrder);
            java.util.Collections.reverse(reverse);
            for (String id : reverse) {
                DiscoveredPlugin plugin = pluginById(id);
                if (plugin == null) {
                    continue;
                }
                PluginMdc mdc = new PluginMdc(id);
                try {
                    unload(id, plugin.info().path(), failures);
                } finally {
                    mdc.close();
                }
                PluginInfo current = registry.plugin(id).orElse(plugin.info());
                if (current.state() == PluginState.STARTED) {
                    registry.update(current.withState(PluginState.STOPPED, List.of()), List.of());
                }
            }
            manager = null;
            loaders.clear();
            if (discovered != null) {
                for (DiscoveredPlugin plugin : discovered.values()) {
                    if (plugin.tempDirectory().isPresent()) {
                        try {
                            PluginArchive.deleteTree(plugin.tempDirectory().get());
                        } catch (IOException e) {
                            failures.add(e);
                        }
                    }
                }
            }
            if (!failures.isEmpty()) {
                UncheckedIOException failure = new UncheckedIOException("closing the plugin platform left "
                        + failures.size() + " problem(s); the first: " + failures.get(0).getMessage(),
                        failures.get(0) instanceof IOException io ? io : new IOException(failures.get(0)));
                failures.stream().skip(1).forEach(failure::addSuppressed);
                throw failure;
            }
        } finally {
            lifecycle.unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the plugin platform for '" + root + "' is closed; create a new one");
        }
    }

    private void ensureDiscovered() {
        if (discovered != null) {
            return;
        }
        List<Path> archives;
        try {
            archives = source.archives();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the plugins folder '" + root + "' (" + e.getMessage()
                    + "); create it or set plugins.directory in config/patchbay.json", e);
        }
        List<DiscoveredPlugin> found = discoverInParallel(archives);
        PluginResolution.Result result = resolution.resolve(found);
        Map<Path, DiscoveredPlugin> byPath = new LinkedHashMap<>();
        result.plugins().forEach(plugin -> byPath.put(plugin.info().path(), plugin));
        discovered = byPath;
        startOrder = result.startOrder();
        registry.replaceAll(result.plugins().stream().map(DiscoveredPlugin::info).toList());
        for (DiscoveredPlugin plugin : result.plugins()) {
            if (plugin.info().state() == PluginState.FAILED) {
                logProblems(plugin.info());
            }
        }
    }

    private List<DiscoveredPlugin> discoverInParallel(List<Path> archives) {
        if (archives.isEmpty()) {
            return List.of();
        }
        int threads = Math.min(archives.size(), Math.max(2, Runtime.getRuntime().availableProcessors()));
        ExecutorService executor = Executors.newFixedThreadPool(threads, discoveryThreads);
        try {
            List<Future<DiscoveredPlugin>> futures = new ArrayList<>();
            for (Path archive : archives) {
                futures.add(executor.submit(() -> discoverOne(archive)));
            }
            List<DiscoveredPlugin> found = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                found.add(await(futures.get(i), archives.get(i)));
            }
            return found;
        } finally {
            executor.shutdownNow();
            awaitTermination(executor);
        }
    }

    private DiscoveredPlugin discoverOne(Path archive) {
        if (!Files.exists(archive)) {
            Problem problem = new Problem(ProblemCode.CORRUPT_ARCHIVE, "plugin archive '" + archive
                    + "' does not exist; check the path");
            return new DiscoveredPlugin(new PluginInfo(archive.getFileName().toString(), "", "", "", "", "*",
                    List.of(), archive, PluginState.FAILED, List.of(), List.of(problem)), Optional.empty(),
                    List.of(), java.util.Set.of(), Optional.empty());
        }
        // The id is not known before the manifest is read; the file name stands for it, as in problems.
        PluginMdc mdc = new PluginMdc(archive.getFileName().toString());
        try {
            return discovery.discover(archive, selection);
        } catch (RuntimeException e) {
            // A defect met while reading one archive must not abort the discovery of the others.
            log.error("Unexpected failure while discovering '{}'", archive, e);
            Problem problem = new Problem(ProblemCode.CORRUPT_ARCHIVE, "plugin archive '" + archive.getFileName()
                    + "' could not be read: " + e + "; check the log for the stack trace and rebuild the plugin");
            return new DiscoveredPlugin(new PluginInfo(archive.getFileName().toString(), "", "", "", "", "*",
                    List.of(), archive, PluginState.FAILED, List.of(), List.of(problem)), Optional.empty(),
                    List.of(), java.util.Set.of(), Optional.empty());
        } finally {
            mdc.close();
        }
    }

    private static DiscoveredPlugin await(Future<DiscoveredPlugin> future, Path archive) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while discovering '" + archive + "'", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("discovering '" + archive + "' failed unexpectedly: "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    private static void awaitTermination(ExecutorService executor) {
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("plugin discovery threads did not stop within 30 seconds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the plugin discovery threads", e);
        }
    }

    private void startPlugin(String id) {
        DiscoveredPlugin plugin = pluginById(id);
        PluginInfo info = plugin.info();
        Path path = info.path();
        List<PatchbayClassLoader.DependencyLink> links = new ArrayList<>();
        for (PluginDependency dependency : info.dependencies()) {
            PatchbayClassLoader dependencyLoader = loaders.get(dependency.pluginId());
            DiscoveredPlugin target = pluginById(dependency.pluginId());
            if (dependencyLoader != null && target != null
                    && versions.satisfies(target.info().version(), dependency.versionRange())) {
                links.add(new PatchbayClassLoader.DependencyLink(dependency.pluginId(), target.packages(),
                        dependencyLoader));
            } else if (!dependency.optional()) {
                PluginInfo dependencyInfo = registry.plugin(dependency.pluginId()).orElseThrow();
                String codes = dependencyInfo.problems().stream().map(p -> p.code().id()).distinct()
                        .collect(Collectors.joining(", "));
                fail(info, List.of(new Problem(ProblemCode.DEPENDENCY_FAILED, "plugin '" + id + "' requires plugin '"
                        + dependency.pluginId() + "' " + dependency.versionRange() + ", which failed to start ("
                        + codes + "); fix '" + dependency.pluginId() + "' first")));
                return;
            }
        }
        List<Problem> problems = new ArrayList<>();
        PatchbayPluginManager pf4j = manager();
        PatchbayClassLoader loader = null;
        try {
            org.pf4j.PluginDescriptor descriptor = plugin.manifest().orElseThrow().toPf4j();
            loader = classLoaders.create(pf4j, descriptor, plugin.roots(), links);
            pf4j.prepare(path, descriptor, loader);
            try {
                pf4j.loadPlugin(path);
            } finally {
                pf4j.forget(path);
            }
            org.pf4j.PluginState state = pf4j.startPlugin(id);
            if (state != org.pf4j.PluginState.STARTED) {
                Throwable cause = pf4j.getPlugin(id).getFailedException();
                problems.add(new Problem(ProblemCode.EXTENSION_INIT_FAILED, "plugin '" + id + "' did not start in"
                        + " pf4j (state " + state + (cause == null ? "" : ": " + cause) + "); check the log"));
            } else {
                List<LoadedExtension> extensions = instantiate(plugin, loader, problems);
                if (problems.isEmpty()) {
                    loaders.put(id, loader);
                    registry.update(info.withState(PluginState.STARTED, List.of()), extensions);
                    if (logProblems) {
                        log.info("Plugin '{}' {} started with {} extension(s)", id, info.version(), extensions.size());
                    } else {
                        // The verifier releases the plugin again and reports it RESOLVED; "started" would mislead.
                        log.debug("Plugin '{}' {} instantiated {} extension(s) for verification", id, info.version(),
                                extensions.size());
                    }
                    return;
                }
            }
        } catch (PluginRuntimeException e) {
            problems.add(new Problem(ProblemCode.EXTENSION_INIT_FAILED, "plugin '" + id + "' could not be loaded by"
                    + " pf4j: " + e.getMessage() + "; check the plugin's descriptor and dependencies"));
        } catch (RuntimeException e) {
            // Whatever goes wrong with one plugin must fail that plugin only; the cause is kept in the log.
            log.error("Plugin '{}' could not be started", id, e);
            problems.add(new Problem(ProblemCode.EXTENSION_INIT_FAILED, "plugin '" + id + "' could not be started: "
                    + e + "; check the log for the stack trace"));
        }
        List<Exception> unloadFailures = new ArrayList<>();
        unload(id, path, unloadFailures);
        if (loader != null) {
            try {
                loader.close();
            } catch (IOException e) {
                unloadFailures.add(e);
            }
        }
        for (Exception e : unloadFailures) {
            problems.add(new Problem(ProblemCode.EXTENSION_INIT_FAILED, "plugin '" + id + "' could not be unloaded"
                    + " after failing: " + e.getMessage()));
        }
        fail(info, problems);
    }

    private List<LoadedExtension> instantiate(DiscoveredPlugin plugin, PatchbayClassLoader loader,
            List<Problem> problems) {
        String id = plugin.id();
        PluginScope scope = new PluginScope(id, loader);
        List<LoadedExtension> loaded = new ArrayList<>();
        PluginScope.Entered entered = scope.enter();
        try {
            for (ExtensionKind kind : ExtensionKind.values()) {
                Map<String, ExtensionDescriptor> expected = new LinkedHashMap<>();
                plugin.info().extensions().stream().filter(e -> e.kind() == kind)
                        .forEach(e -> expected.put(e.className(), e));
                if (expected.isEmpty()) {
                    continue;
                }
                Iterator<? extends ExtensionFactory> providers = ServiceLoader.load(kind.factoryType(), loader)
                        .iterator();
                // Each provider is fetched in its own try, like SLF4J's LoggerFactory, so one broken
                // factory is reported and the next is still tried; the bound stops a loader that repeats.
                int attempts = 0;
                while (attempts++ <= expected.size() * 2) {
                    ExtensionFactory factory;
                    try {
                        if (!providers.hasNext()) {
                            break;
                        }
                        factory = providers.next();
                    } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                        problems.add(initProblem(id, kind, expected, e));
                        continue;
                    }
                    ExtensionDescriptor descriptor = expected.get(factory.getClass().getName());
                    if (descriptor == null) {
                        problems.add(new Problem(ProblemCode.EXTENSION_CLASS_MISSING, "plugin '" + id + "' provided '"
                                + factory.getClass().getName() + "' for " + kind.serviceFile() + " although discovery"
                                + " did not find it there; rebuild the plugin"));
                        continue;
                    }
                    loaded.add(new LoadedExtension(id, descriptor, factory, scope));
                }
            }
        } finally {
            entered.close();
        }
        return loaded;
    }

    private static Problem initProblem(String id, ExtensionKind kind, Map<String, ExtensionDescriptor> expected,
            Throwable error) {
        String text = describe(error);
        String className = expected.keySet().stream().filter(text::contains).findFirst().orElse("?");
        if (text.contains("not a subtype")) {
            return new Problem(ProblemCode.EXTENSION_WRONG_TYPE, "plugin '" + id + "' lists '" + className + "' in "
                    + kind.serviceFile() + ", but the class does not implement " + kind.factoryType().getName()
                    + " (" + text + "); implement that interface");
        }
        return new Problem(ProblemCode.EXTENSION_INIT_FAILED, "plugin '" + id + "' " + kind.label() + " factory '"
                + className + "' failed to initialise: " + text + "; fix its static initialiser or constructor,"
                + " which must not throw");
    }

    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            text.append(" <- ").append(cause.getClass().getName());
            if (cause.getMessage() != null) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }

    private void unload(String id, Path path, List<Exception> failures) {
        if (manager == null) {
            return;
        }
        try {
            if (manager.getPlugin(id) != null) {
                manager.unloadPlugin(id);
            }
        } catch (RuntimeException e) {
            failures.add(e);
        } finally {
            manager.forget(path);
            PatchbayClassLoader loader = loaders.remove(id);
            if (loader != null) {
                try {
                    loader.close();
                } catch (IOException e) {
                    failures.add(e);
                }
            }
        }
    }

    private void fail(PluginInfo info, List<Problem> problems) {
        PluginInfo failed = info.withState(PluginState.FAILED, problems);
        registry.update(failed, List.of());
        logProblems(failed);
    }

    private void logProblems(PluginInfo info) {
        if (!logProblems) {
            log.debug("Plugin '{}' failed: {}", info.id(), info.problems());
            return;
        }
        PluginMdc mdc = new PluginMdc(info.id());
        try {
            for (Problem problem : info.problems()) {
                log.warn("{}", problem);
            }
        } finally {
            mdc.close();
        }
    }

    private DiscoveredPlugin pluginById(String id) {
        return discovered.values().stream().filter(plugin -> plugin.id().equals(id)).findFirst().orElse(null);
    }

    private PatchbayPluginManager manager() {
        if (manager == null) {
            manager = new PatchbayPluginManager(root, discovery.apiVersion(), versions);
        }
        return manager;
    }

    private static ArchiveSource directorySource(Path directory) {
        Objects.requireNonNull(directory, "pluginsDirectory");
        return () -> {
            if (!Files.isDirectory(directory)) {
                throw new IOException("'" + directory + "' is not a folder");
            }
            return PluginArchive.list(directory);
        };
    }

    /** Threads named {@code patchbay-plugin-discovery-N}; each discovery shuts its pool down before returning. */
    static ThreadFactory discoveryThreads() {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "patchbay-plugin-discovery-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Tags the lines logged about one plugin (ours and pf4j's) with its id in the MDC while the host works
     * on that plugin outside a {@link PluginScope}; {@link #close()} restores the previous value.
     */
    private static final class PluginMdc {

        private final String previous;

        PluginMdc(String pluginId) {
            previous = MDC.get(PluginScope.MDC_PLUGIN);
            MDC.put(PluginScope.MDC_PLUGIN, pluginId);
        }

        void close() {
            if (previous == null) {
                MDC.remove(PluginScope.MDC_PLUGIN);
            } else {
                MDC.put(PluginScope.MDC_PLUGIN, previous);
            }
        }
    }
}
