package dev.patchbay.host.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
 * FAILED; {@link #start()} turns each RESOLVED plugin, dependencies first, into STARTED or FAILED, and
 * {@link #startPlugins} does the same for the plugins of some ids and the versions they link only, leaving the rest
 * RESOLVED with none of their code run (what {@code run} and {@code serve} use);
 * {@link #close()} turns STARTED plugins into STOPPED and releases everything. A bad plugin only ever fails
 * itself and the plugins that depend on it. Several versions of one id are installed side by side, each its own
 * {@link PluginInfo} and, once started, its own {@link PluginHandle}.
 *
 * <p>Live changes, once started: {@link #rescan} takes the archives now in the plugins folder and starts the new
 * ones, and {@link #reload} loads an id again from its archives. A version whose archive went, or that a new load
 * replaces, is retired: it takes no new leases and is unloaded when its last {@link PluginLease} closes. A new load
 * that fails leaves the previous load running. The dependents of a retired version are loaded again against the
 * versions now installed, and each load leases the dependency versions it links, so no dependency is unloaded under
 * a dependent.
 *
 * <p>Start runs level by level of the dependency order on threads named {@code patchbay-plugin-start-N} (see
 * {@link PluginStarter}). Each plugin's start has a deadline: a plugin whose start passes it fails with
 * START_TIMEOUT, and the thread left inside its code is reported by {@link #abandoned()}.
 *
 * <p>Thread safety: {@code discover}, {@code start}, the live changes and {@code close} are serialised by a
 * lifecycle lock,
 * which guards the fields marked below. During {@code start()} the lock holder waits for the start threads
 * of one level at a time; those threads read the discovered plugins and the class loaders of earlier levels,
 * call the pf4j manager only while holding its monitor (pf4j is not thread-safe), and hand their results back
 * to the lock holder, so only the lock holder writes. {@code plugins}, {@code plugin}, {@code extension} and
 * {@code abandoned} read immutable snapshots without locking, so they may be called from any thread at any
 * time, including while the lifecycle methods run. A retired version is unloaded on the thread that closes its
 * last lease (see {@link #idle}), outside the lifecycle lock.
 */
public final class PluginPlatform implements LiveCatalog, AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PluginPlatform.class);

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
    // Beside the linkage cache (<state>/cache/manifests): the manifest pass of a selective start reads only changed
    // archives.
    private final Optional<Path> manifestCache;
    private final ParallelDiscovery parallelDiscovery;
    /** The system property that turns the linkage check off for the start-up benchmark's baseline. */
    static final String LINKAGE_SWITCH = "patchbay.linkageCheck";

    private final PluginResolution resolution;
    private final PluginStarter starter;
    private final PluginClassLoaderFactory classLoaders;
    private final ProblemLog problemLog;
    private final Duration startDeadline;
    private final Versions versions = new Versions();
    private final PluginRegistry registry = new PluginRegistry(versions);
    private final AtomicLong generations = new AtomicLong();

    private final ReentrantLock lifecycle = new ReentrantLock();
    // Guarded by the lifecycle lock (start threads only read them, see the class comment): the archives, null until
    // discovered, and the last resolution (volatile as well: classOrigins() reads it on stage threads, unlocked).
    private ArchiveStates archives;
    private volatile PluginResolution.Result resolved = new PluginResolution.Result(List.of(), List.of(), Map.of());
    private Map<String, DiscoveredPlugin> resolvedKeys = Map.of();
    private PatchbayPluginManager manager;
    private PluginStart pluginStart;
    private PluginUnloader unloader;
    // The started versions by key. Written only by the lifecycle lock holder; concurrent because start threads read
    // it meanwhile.
    private final Map<String, LoadedPlugin> loaded = new ConcurrentHashMap<>();
    // Retired versions waiting for their last lease; removed by whoever unloads them, the idle thread or close().
    private final Map<PluginHandle, LoadedPlugin> retiring = new ConcurrentHashMap<>();
    private final AbandonedThreads abandoned = new AbandonedThreads();
    // Every loader this platform created, also after close, so threadsLeft() can tell its plugins' threads from
    // another platform's; weak, so a closed platform does not keep its plugins' loaders reachable. Start threads
    // add to it in parallel, hence synchronized.
    private final Set<PatchbayClassLoader> created = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));
    // Guarded by the lifecycle lock: the ids startPlugins was asked for, and whether start() asked for every plugin.
    private final Set<String> wanted = new HashSet<>();
    // Guarded by the lifecycle lock: the archives startPlugins left undiscovered, for discoverDeferred().
    private List<Path> deferred = List.of();
    private boolean startAll;
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
        this(pluginsDirectory, selection, startDeadline, ArchivePolicy.none());
    }

    /**
     * @param pluginsDirectory the folder holding plugin jars, zips and folders
     * @param selection which plugin ids are enabled
     * @param startDeadline how long each plugin's start may take, 1 ms to 1 day
     * @param archivePolicy the lockfile and signature checks every archive passes before it is read
     * @throws IllegalArgumentException if the deadline is outside 1 ms to 1 day
     */
    public PluginPlatform(Path pluginsDirectory, PluginSelection selection, Duration startDeadline,
            ArchivePolicy archivePolicy) {
        this(pluginsDirectory, selection, startDeadline, archivePolicy, Optional.empty());
    }

    /**
     * As {@link #PluginPlatform(Path, PluginSelection, Duration, ArchivePolicy)}, keeping the linkage check's results
     * in {@code linkageCache} (such as {@code <state>/cache/linkage}) so that the next run does not check an
     * unchanged archive again, and, in the file {@code manifests} beside that folder, the archives' manifests by
     * stamp, so that a start of a few plugins reads only the manifests of changed archives before it starts them.
     */
    public PluginPlatform(Path pluginsDirectory, PluginSelection selection, Duration startDeadline,
            ArchivePolicy archivePolicy, Optional<Path> linkageCache) {
        this(directorySource(pluginsDirectory), pluginsDirectory, selection, PluginClassLoaderFactory.standard(),
                discoveryThreads(), "the plugin '{id}' to the plugins folder", true, startDeadline, archivePolicy,
                linkageCache);
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
        this(source, root, selection, classLoaders, discoveryThreads, missingHint, logProblems, startDeadline,
                ArchivePolicy.none());
    }

    PluginPlatform(ArchiveSource source, Path root, PluginSelection selection, PluginClassLoaderFactory classLoaders,
            ThreadFactory discoveryThreads, String missingHint, boolean logProblems, Duration startDeadline,
            ArchivePolicy archivePolicy) {
        this(source, root, selection, classLoaders, discoveryThreads, missingHint, logProblems, startDeadline,
                archivePolicy, Optional.empty());
    }

    PluginPlatform(ArchiveSource source, Path root, PluginSelection selection, PluginClassLoaderFactory classLoaders,
            ThreadFactory discoveryThreads, String missingHint, boolean logProblems, Duration startDeadline,
            ArchivePolicy archivePolicy, Optional<Path> linkageCache) {
        this.source = Objects.requireNonNull(source, "source");
        this.root = Objects.requireNonNull(root, "root");
        String apiVersion = dev.patchbay.api.ApiVersion.current();
        Optional<PluginLinkage> linkage = linkageCheck(apiVersion, linkageCache);
        this.manifestCache = linkageCache.map(folder -> folder.resolveSibling("manifests"));
        this.discovery = new PluginDiscovery(versions, apiVersion, ArchiveChecks.forPolicy(archivePolicy), linkage);
        this.parallelDiscovery = new ParallelDiscovery(discovery, Objects.requireNonNull(selection, "selection"),
                Objects.requireNonNull(discoveryThreads, "discoveryThreads"));
        this.resolution = new PluginResolution(versions, missingHint, linkage.map(PluginLinkage::dependencyPart));
        this.problemLog = new ProblemLog(logProblems);
        Objects.requireNonNull(classLoaders, "classLoaders");
        this.classLoaders = (pf4j, descriptor, roots, links) -> {
            PatchbayClassLoader loader = classLoaders.create(pf4j, descriptor, roots, links);
            created.add(loader);
            return loader;
        };
        this.startDeadline = startDeadline;
        this.starter = new PluginStarter(registry, startThreads(), startDeadline, problemLog);
    }

    /**
     * The linkage check, unless the JVM runs with {@value #LINKAGE_SWITCH}{@code =false}: a switch for the start-up
     * benchmark's before/after comparison, not a setting for operators.
     */
    private static Optional<PluginLinkage> linkageCheck(String apiVersion, Optional<Path> linkageCache) {
        if (!Boolean.parseBoolean(System.getProperty(LINKAGE_SWITCH, "true"))) {
            return Optional.empty();
        }
        return Optional.of(new PluginLinkage(apiVersion, linkageCache));
    }

    /** The platform the verifier uses: exactly these archives, every one enabled. */
    static PluginPlatform forArchives(List<Path> archives, PluginClassLoaderFactory classLoaders) {
        return forArchives(archives, classLoaders, DEFAULT_START_DEADLINE);
    }

    /** As {@link #forArchives(List, PluginClassLoaderFactory)}, each plugin's start within {@code startDeadline}. */
    static PluginPlatform forArchives(List<Path> archives, PluginClassLoaderFactory classLoaders,
            Duration startDeadline) {
        return forArchives(archives, classLoaders, startDeadline, ArchivePolicy.none());
    }

    /** As {@link #forArchives(List, PluginClassLoaderFactory, Duration)}, each archive checked by {@code policy}. */
    static PluginPlatform forArchives(List<Path> archives, PluginClassLoaderFactory classLoaders,
            Duration startDeadline, ArchivePolicy policy) {
        List<Path> copy = List.copyOf(archives);
        Path root = copy.isEmpty() ? Path.of(".") : copy.get(0).toAbsolutePath().getParent();
        return new PluginPlatform(() -> copy, root, PluginSelection.all(), classLoaders, discoveryThreads(),
                "the archive of '{id}' to the same verify run", false, startDeadline, policy);
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
            if (!startAll) {
                startAll = true;
                startKeys(resolved.startOrder());
            }
            return plugins();
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * Starts the RESOLVED versions of these plugin ids and the versions they link, dependencies first, as
     * {@link #start()} does for every plugin; the others stay RESOLVED and none of their code runs. The first call
     * discovers in full only the archives of these ids and of the ids their manifests depend on, and leaves the
     * others, read as far as their manifests, to {@link #discoverDeferred()}; {@link #discover()}, {@link #start()}
     * and {@link #explainClass} finish that discovery first if it is pending. Idempotent and additive (see {@link StartableCatalog#startPlugins}): a live change later starts the new
     * versions of every id asked for so far, and whatever they link.
     *
     * @return every plugin, in id order
     * @throws IllegalStateException if the platform is closed
     */
    @Override
    public List<PluginInfo> startPlugins(Collection<String> ids) {
        List<String> copy = List.copyOf(ids);
        lifecycle.lock();
        try {
            ensureOpen();
            boolean more = !wanted.containsAll(copy);
            wanted.addAll(copy);
            if (archives == null) {
                discoverFor(wanted);
            } else if (more && !deferred.isEmpty()) {
                // An id asked for now may be among the archives left for later.
                discoverDeferred();
            }
            if (!startAll) {
                startKeys(resolved.startOrder().stream().filter(wantedKeys()::contains).toList());
            }
            return plugins();
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * Discovers the archives {@link #startPlugins} left for later, as a rescan discovers new ones: each becomes
     * DISABLED, RESOLVED or FAILED, and those of the ids asked for so far (or linked by them) are started. Does
     * nothing when none was left. The host calls it once its pipelines have started.
     *
     * @return what it found
     * @throws IllegalStateException if the platform is closed
     */
    @Override
    public PluginChanges discoverDeferred() {
        lifecycle.lock();
        try {
            ensureOpen();
            if (deferred.isEmpty()) {
                return PluginChanges.NONE;
            }
            Set<Path> paths = new HashSet<>(deferred);
            deferred = List.of();
            PluginChanges changes = update(Set.of(), paths);
            for (PluginInfo info : registry.plugins()) {
                if (paths.contains(info.path())) {
                    problemLog.warnings(info);
                }
            }
            return changes;
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * The first discovery of a start of a few plugins: reads every archive's manifest, then discovers in full only
     * the archives of these ids and, transitively, of every id their manifests depend on (every version, so that
     * the resolution of those is the one a full discovery gives). The other archives wait for
     * {@link #discoverDeferred()}: a manifest is enough to know they are not needed, and none of their code runs
     * either way.
     */
    private void discoverFor(Set<String> ids) {
        long began = System.nanoTime();
        List<Path> listed = list();
        ManifestStamps stamps = new ManifestStamps(manifestCache, discovery::manifest);
        Map<Path, ManifestStamps.Facts> manifests = new ManifestPass<>(stamps::facts,
                PlatformThreads.named("patchbay-plugin-manifest-")).read(listed);
        stamps.save();
        Map<String, List<ManifestStamps.Facts>> byId = new HashMap<>();
        manifests.values().forEach(manifest -> byId.computeIfAbsent(manifest.id(), id -> new ArrayList<>())
                .add(manifest));
        Set<String> needed = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(ids);
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (needed.add(id)) {
                byId.getOrDefault(id, List.of()).forEach(manifest -> todo.addAll(manifest.dependencies()));
            }
        }
        List<Path> now = new ArrayList<>();
        List<Path> later = new ArrayList<>();
        for (Path path : listed) {
            ManifestStamps.Facts manifest = manifests.get(path);
            (manifest == null || needed.contains(manifest.id()) ? now : later).add(path);
        }
        deferred = later;
        LOG.debug("read the manifests of {} archives in {} ms: discovering the {} that plugins {} need, {} after the "
                + "pipelines started", listed.size(), (System.nanoTime() - began) / 1_000_000, now.size(), ids,
                later.size());
        discoverArchives(now);
    }

    /** Starts those of these keys (in start order) that are not started and have not failed to start. */
    private void startKeys(List<String> keys) {
        started = true;
        List<String> order = keys.stream().filter(key -> !loaded.containsKey(key))
                .filter(key -> archives.mayStart(resolvedByKey(key).info().path())).toList();
        starter.start(order, this::resolvedByKey, resolved.links(), pluginStart(), loaded, abandoned);
        archives.rememberFailedStarts(registry.plugins());
    }

    /**
     * The keys the last resolution resolved that may be started: every one after {@link #start()}, else those of the
     * wanted ids and, transitively, the versions they link.
     */
    private Set<String> wantedKeys() {
        if (startAll) {
            return resolvedKeys.keySet();
        }
        Set<String> keys = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        resolvedKeys.values().stream().filter(plugin -> wanted.contains(plugin.id()))
                .forEach(plugin -> todo.add(plugin.key()));
        while (!todo.isEmpty()) {
            String key = todo.pop();
            if (keys.add(key)) {
                todo.addAll(resolved.links().getOrDefault(key, List.of()));
            }
        }
        return keys;
    }

    /**
     * Brings the platform up to date with the archives now in the plugins folder: starts the new ones, loads a
     * changed one again (its previous load keeps running if the new one fails) and retires the versions whose
     * archive went. The caller passes only archives that have stopped changing, so none is read half-written.
     *
     * @param archives the archives in the plugins folder, as {@link PluginArchive#list} names them
     * @throws IllegalStateException if the platform is closed or not started
     */
    @Override
    public PluginChanges rescan(List<Path> archives) {
        lifecycle.lock();
        try {
            ensureLive();
            ArchiveStates.Difference difference = this.archives.compare(archives);
            return difference.isEmpty() ? PluginChanges.NONE : update(difference.gone(), difference.refresh());
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * Loads every started version of a plugin again, from a fresh copy of its archive, and the plugins that depend
     * on it; the previous loads are retired once the new ones started, and keep running where a new one fails.
     *
     * @throws IllegalArgumentException if no version of the plugin is started, naming the started ones
     * @throws IllegalStateException if the platform is closed or not started
     */
    @Override
    public PluginChanges reload(String id) {
        lifecycle.lock();
        try {
            ensureLive();
            Set<Path> paths = new HashSet<>();
            loaded.values().stream().filter(plugin -> plugin.plugin().id().equals(id))
                    .forEach(plugin -> paths.add(plugin.plugin().info().path()));
            if (paths.isEmpty()) {
                throw new IllegalArgumentException("plugin '" + id + "' has no started version to reload; the "
                        + "started plugins are " + loaded.values().stream().map(p -> p.plugin().id()).distinct()
                        .sorted().toList());
            }
            return update(Set.of(), paths);
        } finally {
            lifecycle.unlock();
        }
    }

    private PluginChanges update(Set<Path> gone, Set<Path> refresh) {
        LiveUpdate update = new LiveUpdate(loaded, gone, refresh);
        List<PluginInfo> removed = gone.stream().map(archives::get).map(DiscoveredPlugin::info).toList();
        List<DiscoveredPlugin> replaced = new ArrayList<>();
        gone.forEach(path -> replaced.add(archives.get(path)));
        update.rereadPaths().stream().map(archives::get).filter(Objects::nonNull).forEach(replaced::add);
        List<DiscoveredPlugin> fresh = parallelDiscovery.discover(List.copyOf(update.rereadPaths()));
        gone.forEach(archives::remove);
        fresh.forEach(archives::put);
        resolve();
        Map<String, LoadedPlugin> next = new ConcurrentHashMap<>(update.kept());
        Set<String> mayStart = wantedKeys();
        List<String> order = resolved.startOrder().stream().filter(key -> !next.containsKey(key))
                .filter(mayStart::contains)
                .filter(key -> archives.mayStart(resolvedByKey(key).info().path())).toList();
        PluginRegistry scratch = new PluginRegistry(versions);
        scratch.replaceAll(resolved.plugins().stream().map(DiscoveredPlugin::info).toList());
        // A version whose start failed, and that this change does not read again, stays FAILED with its problems.
        scratch.publish(registry.plugins().stream().filter(info -> !archives.mayStart(info.path()))
                .filter(info -> !update.rereadPaths().contains(info.path()))
                .map(info -> new PluginRegistry.Change(info, List.of())).toList());
        new PluginStarter(scratch, startThreads(), startDeadline, problemLog)
                .start(order, this::resolvedByKey, resolved.links(), pluginStart(), next, abandoned);
        LiveUpdate.Outcome outcome = update.settle(next, scratch.plugins());
        loaded.clear();
        loaded.putAll(next);
        registry.replaceEntries(outcome.entries());
        archives.rememberFailedStarts(outcome.failed());
        for (LoadedPlugin old : outcome.retired()) {
            retiring.put(old.handle(), old);
            LOG.info("{} retired; it is unloaded once no pipeline uses it", old.handle());
            old.handle().retire();
        }
        outcome.failed().forEach(problemLog::problems);
        deleteUnloadedCopies(replaced);
        return new PluginChanges(outcome.started(), outcome.failed(), removed,
                outcome.retired().stream().map(LoadedPlugin::handle).toList());
    }

    /**
     * Deletes the staging folders of archives read before that no load uses: a load's own folder goes when it is
     * unloaded, but a version that never started, or whose archive was read again, has nobody else to delete it.
     */
    private void deleteUnloadedCopies(List<DiscoveredPlugin> replaced) {
        Set<Path> inUse = new HashSet<>();
        for (LoadedPlugin plugin : loaded.values()) {
            plugin.plugin().tempDirectory().ifPresent(inUse::add);
        }
        for (LoadedPlugin plugin : retiring.values()) {
            plugin.plugin().tempDirectory().ifPresent(inUse::add);
        }
        List<Exception> failures = new ArrayList<>();
        PlatformClose.deleteExploded(replaced.stream().filter(plugin -> plugin.tempDirectory().isPresent()
                && !inUse.contains(plugin.tempDirectory().get())).toList(), abandoned.keptFolders(), failures);
        failures.forEach(e -> LOG.warn("a staging folder of the plugins folder's earlier content could not be "
                + "deleted: {}; it stays in java.io.tmpdir until deleted by hand", e.getMessage(), e));
    }

    /** Unloads a retired version whose last lease closed; called by its handle, on the thread that closed it. */
    private void idle(PluginHandle handle) {
        LoadedPlugin plugin = retiring.remove(handle);
        if (plugin != null) {
            unloader.unloadRetired(plugin);
        }
    }

    @Override
    public Path pluginsDirectory() {
        return root;
    }

    @Override
    public List<PluginInfo> plugins() {
        return registry.plugins();
    }

    /** The plugin with this id: its highest version; with two archives of that version, the first in path order. */
    public Optional<PluginInfo> plugin(String id) {
        return registry.plugin(id);
    }

    /** The plugin with this id and version; with two archives of it, the first in path order. */
    public Optional<PluginInfo> plugin(String id, String version) {
        return registry.plugin(id, version);
    }

    /** Every installed version of the plugin with this id, lowest first. */
    public List<PluginInfo> versions(String id) {
        return registry.versions(id);
    }

    @Override
    public Optional<LoadedExtension> extension(String pluginId, ExtensionKind kind, String name) {
        return registry.extension(pluginId, kind, name);
    }

    @Override
    public Optional<LoadedExtension> extension(String pluginId, VersionRange range, ExtensionKind kind, String name) {
        return registry.extension(pluginId, range, kind, name);
    }

    @Override
    public List<LoadedExtension> extensions(String pluginId, VersionRange range, ExtensionKind kind, String name) {
        return registry.extensions(pluginId, range, kind, name);
    }

    /**
     * Says where a plugin gets a class from and which other archives hold it, from the discovered layout: no class is
     * loaded and no plugin code runs. Discovers first if needed.
     *
     * @param version the plugin version; empty for the highest installed
     * @return empty when no archive has that id and version
     * @throws IllegalStateException if the platform is closed
     * @throws UncheckedIOException if an archive's class files cannot be read
     */
    public Optional<ClassExplanation> explainClass(ClassName name, String pluginId, Optional<String> version) {
        lifecycle.lock();
        try {
            ensureOpen();
            ensureDiscovered();
            ClassExplainer explainer = explainer();
            return explainer.plugin(pluginId, version).map(plugin -> explainer.explain(name, plugin));
        } finally {
            lifecycle.unlock();
        }
    }

    /** Explains class-loading failures of this platform's plugins by their loaders and files; see {@link ClassOrigins}. */
    @Override
    public ClassOrigins classOrigins() {
        return new LoaderOrigins(() -> {
            List<LoadedPlugin> all = new ArrayList<>(loaded.values());
            all.addAll(retiring.values());
            return all;
        }, this::explainer);
    }

    private ClassExplainer explainer() {
        PluginResolution.Result current = resolved;
        return new ClassExplainer(root, current.plugins(), current.links(), versions);
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
            if (unloader != null) {
                PlatformClose.unloadAll(resolved.startOrder(), loaded, retiring, unloader, registry, kept, failures);
            }
            if (archives != null) {
                PlatformClose.deleteExploded(archives.all(), kept, failures);
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

    private void ensureLive() {
        ensureOpen();
        if (!started) {
            throw new IllegalStateException("the plugin platform for '" + root + "' is not started; call start() "
                    + "before changing its plugins live");
        }
    }

    private void ensureDiscovered() {
        if (archives != null) {
            if (!deferred.isEmpty()) {
                discoverDeferred();
            }
            return;
        }
        discoverArchives(list());
    }

    private List<Path> list() {
        try {
            return source.archives();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the plugins folder '" + root + "' (" + e.getMessage()
                    + "); create it or set plugins.directory in config/patchbay.json", e);
        }
    }

    private void discoverArchives(List<Path> listed) {
        ArchiveStates found = new ArchiveStates();
        parallelDiscovery.discover(listed).forEach(found::put);
        archives = found;
        resolve();
        registry.replaceAll(resolved.plugins().stream().map(DiscoveredPlugin::info).toList());
        for (DiscoveredPlugin plugin : resolved.plugins()) {
            problemLog.warnings(plugin.info());
            if (plugin.info().state() == PluginState.FAILED) {
                problemLog.problems(plugin.info());
            }
        }
    }

    private void resolve() {
        resolved = resolution.resolve(List.copyOf(archives.all()));
        Map<String, DiscoveredPlugin> byKey = new HashMap<>();
        resolved.plugins().stream().filter(plugin -> plugin.info().state() == PluginState.RESOLVED)
                .forEach(plugin -> byKey.put(plugin.key(), plugin));
        resolvedKeys = byKey;
    }

    /** A plugin the last resolution resolved, by key. */
    private DiscoveredPlugin resolvedByKey(String key) {
        DiscoveredPlugin plugin = resolvedKeys.get(key);
        if (plugin == null) {
            throw new IllegalStateException("the last resolution did not resolve plugin " + key);
        }
        return plugin;
    }

    private PluginStart pluginStart() {
        if (pluginStart == null) {
            manager = new PatchbayPluginManager(root, discovery.apiVersion(), versions);
            unloader = new PluginUnloader(manager);
            pluginStart = new PluginStart(registry, classLoaders, manager, generations::incrementAndGet, this::idle,
                    this::explainer);
        }
        return pluginStart;
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
