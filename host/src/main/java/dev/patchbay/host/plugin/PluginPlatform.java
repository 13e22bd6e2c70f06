package dev.patchbay.host.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.WeakHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

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
 * <p>Start runs level by level of the dependency order on threads named {@code patchbay-plugin-start-N} (see
 * {@link PluginStarter}). Each plugin's start has a deadline: a plugin whose start passes it fails with
 * START_TIMEOUT, and the thread left inside its code is reported by {@link #abandoned()}.
 *
 * <p>Thread safety: {@code discover}, {@code start} and {@code close} are serialised by a lifecycle lock,
 * which guards the fields marked below. During {@code start()} the lock holder waits for the start threads
 * of one level at a time; those threads read the discovered plugins and the class loaders of earlier levels,
 * call the pf4j manager only while holding its monitor (pf4j is not thread-safe), and hand their results back
 * to the lock holder, so only the lock holder writes. {@code plugins}, {@code plugin}, {@code extension} and
 * {@code abandoned} read immutable snapshots without locking, so they may be called from any thread at any
 * time, including while the lifecycle methods run.
 */
public final class PluginPlatform implements ExtensionCatalog, AutoCloseable {

    /** The start deadline of each plugin when none is given: {@code runtime.timeouts.createMillis}'s default. */
    public static final Duration DEFAULT_START_DEADLINE = Duration.ofSeconds(60);

    /** Lists the archives to work on. */
    @FunctionalInterface
    interface ArchiveSource {
        List<Path> archives() throws IOException;
    }

    private final ArchiveSource source;
    private final Path root;
    private final PluginDiscovery discovery;
    private final ParallelDiscovery parallelDiscovery;
    private final PluginResolution resolution;
    private final PluginStarter starter;
    private final ProblemLog problemLog;
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
    private final AbandonedThreads abandoned = new AbandonedThreads();
    // Every loader this platform created, also after close, so threadsLeft() can tell its plugins' threads from
    // another platform's; weak, so a closed platform does not keep its plugins' loaders reachable. Start threads
    // add to it in parallel, hence synchronized.
    private final Set<PatchbayClassLoader> created = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));
    private boolean started;
    private boolean closed;

    /**
     * A platform whose plugins each have {@link #DEFAULT_START_DEADLINE} to start.
     *
     * @param pluginsDirectory the folder holding plugin jars, zips and folders
     * @param selection which plugin ids are enabled
     */
    public PluginPlatform(Path pluginsDirectory, PluginSelection selection) {
        this(pluginsDirectory, selection, DEFAULT_START_DEADLINE);
    }

    /**
     * @param pluginsDirectory the folder holding plugin jars, zips and folders
     * @param selection which plugin ids are enabled
     * @param startDeadline how long each plugin's start (pf4j start and the instantiation of its factories) may
     *        take, 1 ms to 1 day; the operator sets it as {@code runtime.timeouts.createMillis}
     * @throws IllegalArgumentException if the deadline is outside 1 ms to 1 day
     */
    public PluginPlatform(Path pluginsDirectory, PluginSelection selection, Duration startDeadline) {
        this(directorySource(pluginsDirectory), pluginsDirectory, selection, PluginClassLoaderFactory.standard(),
                discoveryThreads(), "the plugin '{id}' to the plugins folder", true, startDeadline);
    }

    PluginPlatform(ArchiveSource source, Path root, PluginSelection selection, PluginClassLoaderFactory classLoaders,
            ThreadFactory discoveryThreads, String missingHint) {
        this(source, root, selection, classLoaders, discoveryThreads, missingHint, true, DEFAULT_START_DEADLINE);
    }

    /**
     * @param logProblems whether each plugin problem is also logged as a warning and each start at INFO; the
     *                    verifier returns its problems to the caller instead and reports no plugin as started
     */
    PluginPlatform(ArchiveSource source, Path root, PluginSelection selection, PluginClassLoaderFactory classLoaders,
            ThreadFactory discoveryThreads, String missingHint, boolean logProblems, Duration startDeadline) {
        this.source = Objects.requireNonNull(source, "source");
        this.root = Objects.requireNonNull(root, "root");
        this.discovery = new PluginDiscovery(versions, dev.patchbay.api.ApiVersion.current());
        this.parallelDiscovery = new ParallelDiscovery(discovery, Objects.requireNonNull(selection, "selection"),
                Objects.requireNonNull(discoveryThreads, "discoveryThreads"));
        this.resolution = new PluginResolution(versions, missingHint);
        this.problemLog = new ProblemLog(logProblems);
        Objects.requireNonNull(classLoaders, "classLoaders");
        PluginClassLoaderFactory remembering = (pf4j, descriptor, roots, links) -> {
            PatchbayClassLoader loader = classLoaders.create(pf4j, descriptor, roots, links);
            created.add(loader);
            return loader;
        };
        this.starter = new PluginStarter(registry, versions, remembering, startThreads(), startDeadline, problemLog);
    }

    /** The platform the verifier uses: exactly these archives, every one enabled. */
    static PluginPlatform forArchives(List<Path> archives, PluginClassLoaderFactory classLoaders) {
        List<Path> copy = List.copyOf(archives);
        Path root = copy.isEmpty() ? Path.of(".") : copy.get(0).toAbsolutePath().getParent();
        return new PluginPlatform(() -> copy, root, PluginSelection.all(), classLoaders, discoveryThreads(),
                "the archive of '{id}' to the same verify run", false, DEFAULT_START_DEADLINE);
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
     * loader, starts it through pf4j and instantiates its factories with ServiceLoader, each within the start
     * deadline. Idempotent.
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
                starter.start(startOrder, this::pluginById, manager(), loaders, abandoned);
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
     * its class, except the host's pipeline stage threads ({@code pipeline-<name>-<role>}), the start threads
     * abandoned at their deadline (see {@link #abandoned()}) and the calling thread. Call it once the pipelines
     * have ended and their stages are closed, before or after {@link #close()}. Each thread found is also logged
     * at WARN, with the plugin's id in the MDC.
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
     * The start threads that passed their deadline and are still inside a plugin's code, in the order they
     * were abandoned; a thread that has since left is no longer listed. Also valid after {@link #close()}.
     */
    public List<AbandonedThread> abandoned() {
        return abandoned.stillInside();
    }

    /**
     * Stops and unloads every started plugin (dependents first), closes the class loaders and deletes the
     * folders zips were exploded into. STARTED plugins become STOPPED. Idempotent. Never waits for an
     * abandoned start thread: the class loader it runs in stays open, and its exploded folder is kept.
     *
     * @throws UncheckedIOException if a temporary folder cannot be deleted (after everything else is done)
     */
    @Override
    @SuppressWarnings("try") // the MDC handle is used only for its close()
    public void close() {
        lifecycle.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            Set<Path> kept = abandoned.warnAndKeep();
            List<Exception> failures = new ArrayList<>();
            List<String> reverse = new ArrayList<>(startOrder);
            Collections.reverse(reverse);
            List<PluginRegistry.Change> stopped = new ArrayList<>();
            for (String id : reverse) {
                DiscoveredPlugin plugin = pluginById(id);
                if (plugin == null) {
                    continue;
                }
                if (manager != null) {
                    try (PluginMdc ignored = new PluginMdc(id)) {
                        PlatformClose.unload(manager, id, plugin.info().path(), loaders, failures);
                    }
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
                PlatformClose.deleteExploded(discovered.values(), kept, failures);
            }
            PlatformClose.throwIfAny(failures);
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
        List<DiscoveredPlugin> found = parallelDiscovery.discover(archives);
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
                problemLog.problems(plugin.info());
            }
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

    /** Threads named {@code patchbay-plugin-discovery-N}; each discovery shuts its pool down before returning. */
    static ThreadFactory discoveryThreads() {
        return PlatformThreads.named("patchbay-plugin-discovery-");
    }

    /** Threads named {@code patchbay-plugin-start-N}; each start ends them before returning, but abandoned ones. */
    static ThreadFactory startThreads() {
        return PlatformThreads.named("patchbay-plugin-start-");
    }
}
