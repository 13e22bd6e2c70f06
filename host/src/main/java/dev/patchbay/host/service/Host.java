package dev.patchbay.host.service;

import dev.patchbay.host.config.ConfigError;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.pipeline.CallObserver;
import dev.patchbay.host.pipeline.CheckpointStore;
import dev.patchbay.host.pipeline.PipelineEndpoints;
import dev.patchbay.host.pipeline.PipelineRuntime;
import dev.patchbay.host.pipeline.PipelineStateException;
import dev.patchbay.host.pipeline.RunSummary;
import dev.patchbay.host.pipeline.StageLoggers;
import dev.patchbay.host.pipeline.StopController;
import dev.patchbay.host.plugin.ExtensionCatalog;
import dev.patchbay.host.plugin.LiveCatalog;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.StartableCatalog;
import dev.patchbay.host.tracing.Tracing;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The host: owns the configuration, the home lock, the plugin platform, the checkpoints, the pipeline runtime and
 * the stop control for as long as it lives, and offers a read model ({@link #view()}) and commands. {@code run}
 * and {@code serve} differ only in {@link PipelineRuntime.Mode} and in what they wait for.
 *
 * <p>Lifecycle: {@link #open} takes the lock, starts the plugins and validates the pipelines (nothing runs when
 * that fails); {@link #start()} starts the pipelines; {@link #awaitPipelines()} (run) or {@link #awaitShutdown()}
 * (serve) waits; {@link #finish(RunSummary)} collects what plugins left behind; {@link #close()} unloads the plugins
 * and releases the lock, unless plugin code is still running on a stage thread.
 *
 * <p>Thread-safety: the commands and {@link #view()} may be called from any thread (the admin API's, signal
 * handlers) while the host runs; the runtime and {@link LivePlugins} guard their own state, and the shutdown
 * request is a latch.
 */
public final class Host implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Host.class);

    /** How long finishing or closing the host waits for the deferred discovery of the plugins no pipeline uses. */
    static final Duration DEFERRED_DISCOVERY_BOUND = Duration.ofMinutes(2);

    /**
     * What to open.
     *
     * @param config the operator's configuration
     * @param pipelines the pipelines to run, a selection of the configuration's
     * @param earlierErrors problems the adapter found first (such as {@code --json} stages), reported with the
     *        validation's
     * @param mode how long the runtime lives
     * @param commandLine the command as typed, recorded in the home lock
     */
    public record Spec(PatchbayConfig config, List<PipelineConfig> pipelines, List<ConfigError> earlierErrors,
            PipelineRuntime.Mode mode, String commandLine) {
        public Spec {
            Objects.requireNonNull(config, "config");
            pipelines = List.copyOf(pipelines);
            earlierErrors = List.copyOf(earlierErrors);
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(commandLine, "commandLine");
        }
    }

    private final Spec spec;
    private final HostResources resources;
    private final List<PipelineEndpoints> endpoints;
    private final PipelineRuntime runtime;
    private final StopController stop;
    private final Tracing tracing;
    private final LivePlugins plugins;
    // Present in serve with a catalog that changes live: follows the plugins folder.
    private final java.util.Optional<LiveFolder> folder;
    private final Clock clock;
    private final FirstWrites firstWrites;
    // Guards closing, so that the deferred discovery's thread never starts the folder watcher after close().
    private final Object folderLock = new Object();
    private boolean closing;
    /** Set by start() when the catalog defers the discovery of unused plugins; read by finish() and close(). */
    private volatile DeferredDiscovery deferred;
    private final CountDownLatch shutdown = new CountDownLatch(1);
    private volatile boolean pluginsLeftLoaded;
    private volatile boolean ended;

    private Host(Spec spec, HostResources resources, StageLoggers loggers, PluginSelectionStore store, PrintWriter err,
            Clock clock, CallObserver observer) {
        this.firstWrites = new FirstWrites(spec.pipelines().stream().map(PipelineConfig::name).toList(), observer);
        this.spec = spec;
        this.resources = resources;
        this.clock = clock;
        ExtensionCatalog catalog = resources.catalog();
        PatchbayConfig config = spec.config();
        CheckpointStore checkpoints = new CheckpointStore(config.stateDirectory(), clock);
        this.endpoints = PipelineEndpoints.of(spec.pipelines(), checkpoints, config.home(), catalog);
        // Closed after the runtime: an attempt's span ends when the attempt does. Off unless configured.
        this.tracing = Tracing.from(config.tracing());
        this.runtime = new PipelineRuntime(spec.mode(), spec.pipelines(), catalog, checkpoints, config.home(), loggers,
                clock, tracing, firstWrites);
        this.stop = new StopController(runtime, Duration.ofSeconds(config.shutdownGraceSeconds()), err);
        runtime.onFatal(reason -> {
            shutdown.countDown();
            stop.onFatal(reason);
        });
        this.plugins = new LivePlugins(catalog, spec.pipelines(), runtime, store, runtime::summary);
        this.folder = spec.mode() == PipelineRuntime.Mode.SERVE && catalog instanceof LiveCatalog live
                ? java.util.Optional.of(new LiveFolder(live, runtime, LiveFolder.SETTINGS))
                : java.util.Optional.empty();
    }

    /**
     * Takes the home lock, starts the plugin platform and validates the pipelines against it.
     *
     * @param platform opens the plugins for a configuration; a {@link dev.patchbay.host.plugin.StartableCatalog}
     *        is then asked to start only the plugins the pipelines use (the others stay RESOLVED), and an
     *        {@link AutoCloseable} catalog is closed by {@link #close()}
     * @param loggers makes the loggers handed to extensions
     * @param store persists plugin enables and disables
     * @param err where the stop control reports signals and the grace period
     * @throws HostException when another host holds the lock, the state directory is unusable or a pipeline does
     *         not validate; nothing was started and the lock is released
     */
    public static Host open(Spec spec, Function<PatchbayConfig, ExtensionCatalog> platform, StageLoggers loggers,
            PluginSelectionStore store, PrintWriter err) throws HostException {
        return open(spec, platform, loggers, store, err, CallObserver.NOOP);
    }

    /**
     * As {@link #open(Spec, Function, StageLoggers, PluginSelectionStore, PrintWriter)}, with an observer of the
     * pipelines' calls into plugin code, such as the metrics' call-latency histogram.
     *
     * @param observer told how long each poll, processor chunk, sink write and flush took
     */
    public static Host open(Spec spec, Function<PatchbayConfig, ExtensionCatalog> platform, StageLoggers loggers,
            PluginSelectionStore store, PrintWriter err, CallObserver observer) throws HostException {
        Objects.requireNonNull(observer, "observer");
        return new Host(spec, HostResources.acquire(spec, platform), loggers, store, err, Clock.systemUTC(), observer);
    }

    /**
     * Starts every pipeline, then, when the catalog left the plugins no pipeline uses undiscovered, starts their
     * discovery on a thread of its own (after every pipeline's first sink write, or
     * {@link DeferredDiscovery#FIRST_WRITES_WAIT}), and then, in serve, follows the plugins folder. Returns without
     * waiting for that discovery: {@link #finish} and {@link #close} wait for it.
     */
    public void start() {
        runtime.start();
        if (resources.catalog() instanceof StartableCatalog startable) {
            DeferredDiscovery discovery = new DeferredDiscovery(startable, firstWrites, this::followFolder);
            deferred = discovery;
            discovery.start();
        } else {
            followFolder();
        }
    }

    private void followFolder() {
        synchronized (folderLock) {
            if (!closing) {
                folder.ifPresent(LiveFolder::start);
            }
        }
    }

    /** Waits, within its bound, for the deferred discovery to end; says so when it did not. */
    private void awaitDeferredDiscovery() throws InterruptedException {
        DeferredDiscovery discovery = deferred;
        if (discovery != null && !discovery.await(DEFERRED_DISCOVERY_BOUND)) {
            LOG.warn("the discovery of the plugins no pipeline uses is still running after {} s; going on without "
                    + "waiting for it", DEFERRED_DISCOVERY_BOUND.toSeconds());
        }
    }

    /** The host's state, plugins and pipelines now. */
    public HostView view() {
        HostView.State state = !shutdownRequested() ? HostView.State.RUNNING
                : ended ? HostView.State.STOPPED : HostView.State.STOPPING;
        return new HostView(state, clock.instant(), plugins.plugins(), runtime.summary());
    }

    /** The configuration the host runs. */
    public PatchbayConfig config() {
        return spec.config();
    }

    /** Where each pipeline resumed from and where its output goes, as the host opened. */
    public List<PipelineEndpoints> endpoints() {
        return endpoints;
    }

    /** @see PipelineRuntime#pause(String) */
    public void pause(String pipeline) {
        runtime.pause(pipeline);
    }

    /** @see PipelineRuntime#resume(String) */
    public void resume(String pipeline) {
        runtime.resume(pipeline);
    }

    /** @see PipelineRuntime#stop(String) */
    public void stop(String pipeline) {
        runtime.stop(pipeline);
    }

    /**
     * Restarts a running pipeline (see {@link PipelineRuntime#restart(String)}), or, in serve mode, starts an ended
     * one again from its checkpoint.
     *
     * @throws HostStateException if it needs a disabled plugin
     * @throws PipelineStateException if it is stopping, or the host is shutting down
     */
    public void restart(String pipeline) {
        requireRunnable(pipeline);
        boolean endedPipeline = runtime.summary().pipelines().stream()
                .anyMatch(p -> p.name().equals(pipeline) && p.ended());
        if (endedPipeline && spec.mode() == PipelineRuntime.Mode.SERVE) {
            runtime.start(pipeline);
        } else {
            runtime.restart(pipeline);
        }
    }

    private void requireRunnable(String pipeline) {
        List<String> blocked = plugins.blockedBy(pipeline);
        if (!blocked.isEmpty()) {
            throw new HostStateException("pipeline '" + pipeline + "' needs plugin '" + blocked.get(0)
                    + "', which is disabled; enable it first");
        }
    }

    /** Enables a plugin, live where its code is loaded; see {@link LivePlugins}. */
    public String enablePlugin(String id) {
        return plugins.enable(id).message();
    }

    /**
     * Loads a plugin again from its archives and swaps the pipelines that use it onto the new load (serve only).
     *
     * @return what it did, in a sentence
     * @throws NoSuchPluginException if no plugin has that id
     * @throws HostStateException if this host does not change plugins live, or no version of the plugin is started
     */
    public String reloadPlugin(String id) {
        LiveFolder live = folder.orElseThrow(() -> new HostStateException("plugin '" + id + "' cannot be reloaded:"
                + " only patchbay serve changes plugins live; restart the host to load it again"));
        List<String> ids = plugins.plugins().stream().map(PluginInfo::id).distinct().toList();
        if (!ids.contains(id)) {
            throw new NoSuchPluginException(id, ids);
        }
        try {
            return live.reload(id).message();
        } catch (IllegalArgumentException e) {
            throw new HostStateException(e.getMessage());
        }
    }

    /** Disables a plugin and stops the pipelines that use it; see {@link LivePlugins}. */
    public String disablePlugin(String id) {
        return plugins.disable(id).message();
    }

    /**
     * Stops the host as SIGTERM does: every pipeline drains and commits within the grace period, then
     * {@link #awaitShutdown()} returns. Returns at once.
     */
    public void shutdown(String reason) {
        shutdown.countDown();
        stop.onRequest(reason);
    }

    /** Handles a stop signal: the first stops gracefully, a second forces the stop. */
    public void onSignal(String signal) {
        shutdown.countDown();
        stop.onSignal(signal);
    }

    /** Whether a shutdown, a signal or a fatal error has asked the host to stop. */
    public boolean shutdownRequested() {
        return shutdown.getCount() == 0;
    }

    /** Run mode: waits until every pipeline has ended, or the stop was forced. */
    public RunSummary awaitPipelines() throws InterruptedException {
        RunSummary summary = runtime.awaitCompletion();
        ended = true;
        stop.ended(summary.exitCode());
        return summary;
    }

    /** Serve mode: waits for a shutdown request, then until every pipeline has drained, or the stop was forced. */
    public RunSummary awaitShutdown() throws InterruptedException {
        shutdown.await();
        return awaitPipelines();
    }

    /**
     * After the pipelines ended: waits up to the grace period for the stage threads to close their stages (not at
     * all after a forced stop), and returns the final summary with the threads plugins left behind and the
     * endpoints.
     */
    public RunSummary finish(RunSummary summary) throws InterruptedException {
        long wait = summary.forced().isPresent() ? 0 : spec.config().shutdownGraceSeconds();
        pluginsLeftLoaded = !runtime.awaitTermination(wait, TimeUnit.SECONDS) || runtime.abandonedThreadsAlive();
        // The summary lists every installed plugin: the unused ones must have been discovered.
        awaitDeferredDiscovery();
        return LeftBehind.report(summary, resources.catalog()).withEndpoints(endpoints);
    }

    /**
     * Whether stage threads were still inside plugin code at {@link #finish}: the plugins then stay loaded and the
     * home stays locked until the process exits (the next start reports the lock as stale).
     */
    public boolean pluginsLeftLoaded() {
        return pluginsLeftLoaded;
    }

    /**
     * Stops the stop control and the runtime's threads, then unloads the plugins and releases the lock. An interrupt
     * while waiting for the grace timer is kept on the calling thread.
     *
     * @throws IOException if the lock cannot be released, naming its file; the plugins are unloaded first
     */
    @Override
    public void close() throws IOException {
        synchronized (folderLock) {
            closing = true;
        }
        DeferredDiscovery discovery = deferred;
        if (discovery != null) {
            discovery.cancel();
            try {
                awaitDeferredDiscovery();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        folder.ifPresent(LiveFolder::close);
        try {
            stop.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            runtime.close();
        } finally {
            tracing.close();
        }
        if (!pluginsLeftLoaded) {
            resources.release();
        }
    }
}
