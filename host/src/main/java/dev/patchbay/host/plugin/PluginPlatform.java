package dev.patchbay.host.plugin;

import dev.patchbay.api.ExtensionFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
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
 * <p>Start runs level by level of the dependency order: the plugins of one level do not depend on each
 * other, so their class loaders are created and their factories instantiated in parallel on threads named
 * {@code patchbay-plugin-start-N}, which are stopped before {@code start()} returns. Each level is published
 * to the registry in one write before the next level starts, so a dependent always sees its dependencies'
 * final state.
 *
 * <p>Thread safety: {@code discover}, {@code start} and {@code close} are serialised by a lifecycle lock,
 * which guards the fields marked below. During {@code start()} the lock holder waits for the start threads
 * of one level at a time; those threads read the discovered plugins and the class loaders of earlier levels
 * (published to them by the executor's submit), call the pf4j manager only while holding its monitor (pf4j
 * is not thread-safe), and hand their results back through their futures, so only the lock holder writes.
 * {@code plugins}, {@code plugin} and {@code extension} read the registry's immutable snapshot without
 * locking, so they may be called from any thread at any time, including while the lifecycle methods run.
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
    private final ThreadFactory startThreads = startThreads();
    private final boolean logProblems;
    private final Versions versions = new Versions();
    private final PluginRegistry registry = new PluginRegistry();

    private final ReentrantLock lifecycle = new ReentrantLock();
    // The fields below are guarded by the lifecycle lock (start threads only read them, see the class comment).
    private Map<Path, DiscoveredPlugin> discovered;
    private Map<String, DiscoveredPlugin> discoveredById = Map.of();
    private List<String> startOrder = List.of();
    private PatchbayPluginManager manager;
    // Written only by the lifecycle lock holder; concurrent because start threads read it meanwhile.
    private final Map<String, PatchbayClassLoader> loaders = new ConcurrentHashMap<>();
    // Every loader this platform created, also after close, so threadsLeft() can tell its plugins' threads from
    // another platform's; weak, so a closed platform does not keep its plugins' loaders reachable. Start threads
    // add to it in parallel, hence synchronized.
    private final Set<PatchbayClassLoader> created = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));
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
                startInLevels();
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
     * The threads this platform's plugins left running: every live thread that carries one of its plugins' class
     * loaders, as its context class loader (inherited from the plugin call that started it) or as the loader of
     * its class, except the host's pipeline stage threads ({@code pipeline-<name>-<role>}) and the calling
     * thread. Call it once the pipelines have ended and their stages are closed, before or after
     * {@link #close()}. Each thread found is also logged at WARN, with the plugin's id in the MDC.
     *
     * @return the threads, by plugin id then thread name; empty when every plugin stopped its threads
     */
    public List<PluginThread> threadsLeft() {
        return threadsLeft(thread -> false);
    }

    /**
     * As {@link #threadsLeft()}, also leaving out the threads the caller owns.
     *
     * @param hostOwned the threads that belong to the host although they carry a plugin's class loader
     */
    public List<PluginThread> threadsLeft(Predicate<Thread> hostOwned) {
        Objects.requireNonNull(hostOwned, "hostOwned");
        return PluginThreads.left(created::contains, PluginThreads.STAGE_THREADS.or(hostOwned));
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
            List<PluginRegistry.Change> stopped = new ArrayList<>();
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
                    stopped.add(new PluginRegistry.Change(current.withState(PluginState.STOPPED, List.of()),
                            List.of()));
                }
            }
            registry.publish(stopped);
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
        Map<String, DiscoveredPlugin> byId = new HashMap<>();
        result.plugins().forEach(plugin -> byId.putIfAbsent(plugin.id(), plugin));
        discoveredById = byId;
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
        TrackedThreads tracked = new TrackedThreads(discoveryThreads);
        ExecutorService executor = Executors.newFixedThreadPool(threads, tracked);
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
            awaitTermination(executor, "discovery");
            tracked.join("discovery");
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

    private static void awaitTermination(ExecutorService executor, String stage) {
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("plugin " + stage + " threads did not stop within 30 seconds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the plugin " + stage + " threads", e);
        }
    }

    /** What starting one plugin produced: its new state and extensions, and its loader when STARTED. */
    private record Outcome(PluginInfo info, List<LoadedExtension> extensions, PatchbayClassLoader loader) {
    }

    /**
     * Starts the plugins of {@link #startOrder} level by level: a plugin's level is one more than its
     * highest dependency's, so the plugins of one level are independent and start in parallel, and every
     * level is published before the next begins. The start threads are stopped before this returns.
     */
    private void startInLevels() {
        List<List<String>> levels = levels();
        if (levels.isEmpty()) {
            return;
        }
        PatchbayPluginManager pf4j = manager();
        int widest = levels.stream().mapToInt(List::size).max().orElse(1);
        int threads = Math.min(widest, Math.max(2, Runtime.getRuntime().availableProcessors()));
        TrackedThreads tracked = new TrackedThreads(startThreads);
        ExecutorService executor = Executors.newFixedThreadPool(threads, tracked);
        try {
            for (List<String> level : levels) {
                List<Future<Outcome>> futures = new ArrayList<>();
                for (String id : level) {
                    futures.add(executor.submit(() -> {
                        PluginMdc mdc = new PluginMdc(id);
                        try {
                            return startPlugin(id, pf4j);
                        } finally {
                            mdc.close();
                        }
                    }));
                }
                List<Outcome> outcomes = new ArrayList<>();
                RuntimeException unexpected = null;
                for (int i = 0; i < futures.size(); i++) {
                    try {
                        outcomes.add(awaitStart(futures.get(i), level.get(i)));
                    } catch (RuntimeException e) {
                        // Keep collecting, so that every plugin of the level that did start is published.
                        if (unexpected == null) {
                            unexpected = e;
                        } else {
                            unexpected.addSuppressed(e);
                        }
                    }
                }
                publish(outcomes);
                if (unexpected != null) {
                    throw unexpected;
                }
            }
        } finally {
            executor.shutdownNow();
            awaitTermination(executor, "start");
            tracked.join("start");
        }
    }

    /** The start order cut into dependency levels; each level keeps the start order. */
    private List<List<String>> levels() {
        Map<String, Integer> levelById = new HashMap<>();
        List<List<String>> levels = new ArrayList<>();
        for (String id : startOrder) {
            int level = 0;
            for (PluginDependency dependency : pluginById(id).info().dependencies()) {
                Integer dependencyLevel = levelById.get(dependency.pluginId());
                if (dependencyLevel != null) {
                    level = Math.max(level, dependencyLevel + 1);
                }
            }
            levelById.put(id, level);
            while (levels.size() <= level) {
                levels.add(new ArrayList<>());
            }
            levels.get(level).add(id);
        }
        return levels;
    }

    private void publish(List<Outcome> outcomes) {
        List<PluginRegistry.Change> changes = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            if (outcome.loader() != null) {
                loaders.put(outcome.info().id(), outcome.loader());
            }
            changes.add(new PluginRegistry.Change(outcome.info(), outcome.extensions()));
        }
        registry.publish(changes);
        for (Outcome outcome : outcomes) {
            PluginInfo info = outcome.info();
            if (info.state() != PluginState.STARTED) {
                logProblems(info);
                continue;
            }
            PluginMdc mdc = new PluginMdc(info.id());
            try {
                if (logProblems) {
                    log.info("Plugin '{}' {} started with {} extension(s)", info.id(), info.version(),
                            outcome.extensions().size());
                } else {
                    // The verifier releases the plugin again and reports it RESOLVED; "started" would mislead.
                    log.debug("Plugin '{}' {} instantiated {} extension(s) for verification", info.id(),
                            info.version(), outcome.extensions().size());
                }
            } finally {
                mdc.close();
            }
        }
    }

    private static Outcome awaitStart(Future<Outcome> future, String id) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting plugin '" + id + "'", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("starting plugin '" + id + "' failed unexpectedly: "
                    + e.getCause(), e.getCause());
        }
    }

    /**
     * Starts one plugin on a start thread. Runs in parallel with the other plugins of its level: it only
     * reads the platform's state, calls pf4j under the manager's monitor, and returns its result.
     */
    private Outcome startPlugin(String id, PatchbayPluginManager pf4j) {
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
                return failed(info, List.of(new Problem(ProblemCode.DEPENDENCY_FAILED, "plugin '" + id
                        + "' requires plugin '" + dependency.pluginId() + "' " + dependency.versionRange()
                        + ", which failed to start (" + codes + "); fix '" + dependency.pluginId() + "' first")));
            }
        }
        List<Problem> problems = new ArrayList<>();
        PatchbayClassLoader loader = null;
        try {
            org.pf4j.PluginDescriptor descriptor = plugin.manifest().orElseThrow().toPf4j();
            loader = classLoaders.create(pf4j, descriptor, plugin.roots(), links);
            created.add(loader);
            org.pf4j.PluginState state;
            Throwable cause = null;
            synchronized (pf4j) {
                pf4j.prepare(path, descriptor, loader);
                try {
                    pf4j.loadPlugin(path);
                } finally {
                    pf4j.forget(path);
                }
                state = pf4j.startPlugin(id);
                if (state != org.pf4j.PluginState.STARTED) {
                    cause = pf4j.getPlugin(id).getFailedException();
                }
            }
            if (state != org.pf4j.PluginState.STARTED) {
                problems.add(new Problem(ProblemCode.EXTENSION_INIT_FAILED, "plugin '" + id + "' did not start in"
                        + " pf4j (state " + state + (cause == null ? "" : ": " + cause) + "); check the log"));
            } else {
                List<LoadedExtension> extensions = instantiate(plugin, loader, problems);
                if (problems.isEmpty()) {
                    return new Outcome(info.withState(PluginState.STARTED, List.of()), extensions, loader);
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
        synchronized (pf4j) {
            unloadFromPf4j(pf4j, id, path, unloadFailures);
        }
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
        return failed(info, problems);
    }

    private static Outcome failed(PluginInfo info, List<Problem> problems) {
        return new Outcome(info.withState(PluginState.FAILED, problems), List.of(), null);
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
            synchronized (manager) {
                unloadFromPf4j(manager, id, path, failures);
            }
        } finally {
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

    /** Call holding the manager's monitor. */
    private static void unloadFromPf4j(PatchbayPluginManager pf4j, String id, Path path, List<Exception> failures) {
        try {
            if (pf4j.getPlugin(id) != null) {
                pf4j.unloadPlugin(id);
            }
        } catch (RuntimeException e) {
            failures.add(e);
        } finally {
            pf4j.forget(path);
        }
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

    /** The discovered plugin with this id; with a duplicate id, the first in discovery order. */
    private DiscoveredPlugin pluginById(String id) {
        return discoveredById.get(id);
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

    /**
     * Remembers the threads a pool creates, so that discovery and start can return only once those threads
     * have ended: an executor reports termination when its last worker leaves its loop, slightly before that
     * worker's thread is dead.
     */
    private static final class TrackedThreads implements ThreadFactory {

        private final ThreadFactory delegate;
        private final List<Thread> created = new java.util.concurrent.CopyOnWriteArrayList<>();

        TrackedThreads(ThreadFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = delegate.newThread(runnable);
            created.add(thread);
            return thread;
        }

        void join(String stage) {
            try {
                for (Thread thread : created) {
                    thread.join(TimeUnit.SECONDS.toMillis(30));
                    if (thread.isAlive()) {
                        throw new IllegalStateException("plugin " + stage + " thread '" + thread.getName()
                                + "' did not end within 30 seconds");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the plugin " + stage
                        + " threads to end", e);
            }
        }
    }

    /** Threads named {@code patchbay-plugin-discovery-N}; each discovery shuts its pool down before returning. */
    static ThreadFactory discoveryThreads() {
        return namedThreads("patchbay-plugin-discovery-");
    }

    /** Threads named {@code patchbay-plugin-start-N}; each start shuts its pool down before returning. */
    static ThreadFactory startThreads() {
        return namedThreads("patchbay-plugin-start-");
    }

    private static ThreadFactory namedThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
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
