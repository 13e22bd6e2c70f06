package dev.patchbay.host.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.host.config.CloseMatches;
import dev.patchbay.host.config.ConfigError;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.pipeline.HomeLock;
import dev.patchbay.host.pipeline.JsonStdout;
import dev.patchbay.host.pipeline.PipelineRuntime;
import dev.patchbay.host.pipeline.RunSummary;
import dev.patchbay.host.pipeline.SignalHandlers;
import dev.patchbay.host.pipeline.StageLoggers;
import dev.patchbay.host.pipeline.StateDirectory;
import dev.patchbay.host.plugin.ExtensionCatalog;
import dev.patchbay.host.plugin.PluginPlatform;
import dev.patchbay.host.plugin.PluginSelection;
import dev.patchbay.host.service.Host;
import dev.patchbay.host.service.HostException;
import dev.patchbay.host.service.PluginSelectionStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code patchbay run}: loads the configuration, starts the plugins the selected pipelines use (the others stay
 * RESOLVED), validates the pipelines
 * (any error: exit 2, nothing starts), runs them until their sources are exhausted or a signal stops
 * them, and prints the summary.
 *
 * <p>Before any plugin starts, the run takes the home lock ({@link HomeLock}, {@code <state>/.patchbay.lock})
 * and holds it until it ends; a second run on the same state directory is refused.
 *
 * <p>Exit codes: 0 when every pipeline completed or stopped gracefully; 1 when a pipeline failed or the
 * stop was forced; 2 for configuration or usage errors, a state directory that cannot hold the checkpoints
 * ({@link StateDirectory}), or when another run holds the home lock; 3 after a
 * fatal JVM error in a pipeline ({@link RunSummary#EXIT_FATAL}).
 */
@Command(name = "run",
        description = {"Runs the configured pipelines until their sources are exhausted or SIGTERM/SIGINT stops them.",
            "Exit codes: 0 success or graceful stop, 1 a pipeline failed or the stop was forced, "
                    + "2 configuration or usage errors, an unusable state directory, or another run holds the "
                    + "home's lock (nothing started), "
                    + "3 a fatal JVM error (such as out of memory) in a pipeline: restart the process."})
public final class RunCommand implements Callable<Integer> {

    /** Installs stop-signal handlers; the real one is {@link SignalHandlers#install}. */
    @FunctionalInterface
    public interface SignalInstaller {
        AutoCloseable install(List<String> signals, Consumer<String> handler);
    }

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_CONFIG = 2;
    /** Another run holds the home's lock: like a configuration error, nothing was started. */
    static final int EXIT_LOCKED = EXIT_CONFIG;
    /** The state directory cannot be used ({@link StateDirectory}): like a configuration error, nothing started. */
    static final int EXIT_STATE = EXIT_CONFIG;

    private final Supplier<PatchbayConfig> config;
    private final Function<PatchbayConfig, ExtensionCatalog> platform;
    private final StageLoggers loggers;
    private final SignalInstaller signals;
    private final ObjectMapper mapper = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Option(names = "--pipeline", paramLabel = "NAME",
            description = "Runs only this pipeline; repeat for several. Default: every configured pipeline.")
    private List<String> only = new ArrayList<>();

    @Option(names = "--progress", paramLabel = "SECONDS",
            description = "Prints the summary every SECONDS seconds while running.")
    private long progressSeconds;

    @Option(names = "--json", description = "Prints the summary (and progress) as JSON lines instead of a table.")
    private boolean json;

    /**
     * Creates the command with its collaborators.
     *
     * @param config loads the operator's configuration; throws (any RuntimeException, whose message lists
     *               the errors) when it is unusable, which exits 2
     * @param platform starts the plugin platform for a configuration and returns it as the catalog; if the
     *                 catalog is {@link AutoCloseable}, it is closed when the run ends
     * @param loggers makes the loggers handed to extensions, {@code PluginLoggers::forStage}
     */
    public RunCommand(Supplier<PatchbayConfig> config, Function<PatchbayConfig, ExtensionCatalog> platform,
            StageLoggers loggers) {
        this(config, platform, loggers, SignalHandlers::install);
    }

    /**
     * Creates the command with its collaborators and the way it installs its signal handlers: the process's
     * entry point passes {@link SignalHandlers#installUntilExit}, so that no signal after the summary can change
     * the exit code.
     */
    public RunCommand(Supplier<PatchbayConfig> config, Function<PatchbayConfig, ExtensionCatalog> platform,
            StageLoggers loggers, SignalInstaller signals) {
        this.config = Objects.requireNonNull(config, "config");
        this.platform = Objects.requireNonNull(platform, "platform");
        this.loggers = Objects.requireNonNull(loggers, "loggers");
        this.signals = Objects.requireNonNull(signals, "signals");
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (progressSeconds < 0) {
            err.println("patchbay run: --progress must be at least 1 (seconds), got " + progressSeconds);
            return EXIT_CONFIG;
        }
        PatchbayConfig configuration;
        try {
            configuration = config.get();
        } catch (RuntimeException e) {
            err.println("patchbay run: the configuration cannot be used, no pipeline was started:");
            err.println(e.getMessage());
            return EXIT_CONFIG;
        }
        List<PipelineConfig> selected = select(configuration, err);
        if (selected == null) {
            return EXIT_CONFIG;
        }
        List<ConfigError> earlier = List.of();
        if (json) {
            JsonStdout.Result reserved = JsonStdout.reserve(selected, configuration.locations());
            selected = reserved.pipelines();
            earlier = reserved.errors();
        }
        Host host;
        try {
            host = Host.open(new Host.Spec(configuration, selected, earlier, PipelineRuntime.Mode.RUN, commandLine()),
                    platform, loggers, PluginSelectionStore.NONE, err);
        } catch (HostException e) {
            HostOutput.openFailed(err, "patchbay run", e);
            return EXIT_CONFIG;
        }
        try (host) {
            return run(host, out, err);
        } finally {
            if (host.pluginsLeftLoaded()) {
                // After a forced stop some stage threads may still be inside plugin code; closing the plugins'
                // class loaders under them would only add noise. The process is about to exit anyway, and the
                // kernel releases the home lock then (the next run reports it as stale).
                HostOutput.pluginsLeftLoaded(err);
            }
        }
    }

    /** What the lock file records as the holder's command: {@code patchbay run ...} as it was typed. */
    private String commandLine() {
        List<String> words = new ArrayList<>();
        words.add(spec.root().name());
        words.addAll(spec.commandLine().getParseResult().originalArgs());
        return String.join(" ", words);
    }

    /**
     * Starts every plugin of the configuration's platform (see {@link #openPlatform}): for callers that want all of
     * them started whatever the pipelines use.
     */
    public static ExtensionCatalog startPlatform(PatchbayConfig configuration) {
        PluginPlatform platform = openPlatform(configuration);
        platform.start();
        return platform;
    }

    /**
     * The plugin platform for a configuration, nothing started yet: its plugins directory and enabled/disabled
     * selection, and {@code runtime.timeouts.createMillis} as each plugin's start deadline. The usual {@code platform}
     * argument of the constructor: the host then starts only the plugins its pipelines use.
     */
    public static PluginPlatform openPlatform(PatchbayConfig configuration) {
        return new PluginPlatform(configuration.pluginsDirectory(),
                new PluginSelection(configuration.enabled(), configuration.disabled(), configuration.allowExit()),
                Duration.ofMillis(configuration.timeouts().createMillis()), configuration.archivePolicy(),
                Optional.of(CommandContext.linkageCache(configuration)));
    }

    /** The pipelines to run, or null (after saying why) when the selection is unusable. */
    private List<PipelineConfig> select(PatchbayConfig configuration, PrintWriter err) {
        List<String> names = configuration.pipelines().stream().map(PipelineConfig::name).toList();
        if (names.isEmpty()) {
            err.println("patchbay run: " + configuration.file() + " configures no pipelines; add one under "
                    + "\"pipelines\" (see the operator guide in README)");
            return null;
        }
        if (only.isEmpty()) {
            return configuration.pipelines();
        }
        Set<String> wanted = new LinkedHashSet<>(only);
        List<String> unknown = wanted.stream().filter(name -> !names.contains(name)).toList();
        if (!unknown.isEmpty()) {
            for (String name : unknown) {
                err.println("patchbay run: --pipeline " + name + ": no such pipeline; "
                        + CloseMatches.suggestion(name, names) + "configured pipelines are " + names);
            }
            return null;
        }
        return configuration.pipelines().stream().filter(p -> wanted.contains(p.name())).toList();
    }

    private int run(Host host, PrintWriter out, PrintWriter err) throws Exception {
        RunSummary summary;
        AutoCloseable handlers = signals.install(List.of("TERM", "INT"), host::onSignal);
        ProgressPrinter progress = new ProgressPrinter(() -> host.view().pipelines(), progressSeconds, json, out,
                mapper);
        try {
            host.start();
            progress.start();
            summary = host.finish(host.awaitPipelines());
        } finally {
            progress.close();
            handlers.close();
        }
        HostOutput.summary(out, err, summary, json, mapper);
        return summary.exitCode();
    }
}
