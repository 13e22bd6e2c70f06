package dev.patchbay.host.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.host.config.ConfigEditor;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.pipeline.CallObserver;
import dev.patchbay.host.pipeline.PipelineRuntime;
import dev.patchbay.host.pipeline.RunSummary;
import dev.patchbay.host.pipeline.StageLoggers;
import dev.patchbay.host.plugin.ExtensionCatalog;
import dev.patchbay.host.service.Host;
import dev.patchbay.host.service.HostException;
import dev.patchbay.host.service.PluginSelectionStore;
import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code patchbay serve}: the long-running host. It starts every configured pipeline and the admin API, and runs
 * until SIGTERM, SIGINT or {@code POST /shutdown}: finite pipelines complete and stay visible with their figures,
 * continuous ones keep running, failed ones follow their restart policy. A stop drains everything with the same
 * guarantees as {@code run}.
 *
 * <p>Exit codes: 0 after a graceful shutdown (a pipeline that failed meanwhile is reported, in the summary and by
 * {@code /ready}, but does not fail the host); 1 when the stop was forced; 2 for configuration errors, an unusable
 * state directory, or another host holding the home's lock; 3 after a fatal JVM error in a pipeline.
 */
@Command(name = "serve",
        description = {"Runs the configured pipelines and the admin API until SIGTERM/SIGINT or POST /shutdown.",
            "Exit codes: 0 graceful shutdown, 1 the stop was forced, 2 configuration or usage errors, an unusable "
                    + "state directory, or another host holds the home's lock (nothing started), "
                    + "3 a fatal JVM error (such as out of memory) in a pipeline: restart the process."})
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    /** The adapters over a running host: the admin API and the metrics. */
    interface Adapters {

        /** Told how long each stage call took, from the host's start: the metrics' call-latency histogram. */
        CallObserver calls();

        /** Starts the adapters over the started host; closing the result stops them. */
        AutoCloseable start(Host host) throws Exception;
    }

    private final CommandContext context;
    private final Function<PatchbayConfig, ExtensionCatalog> platform;
    private final StageLoggers loggers;
    private final RunCommand.SignalInstaller signals;
    private final ConfigEditor editor;
    private final Adapters adapters;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    ServeCommand(CommandContext context, Function<PatchbayConfig, ExtensionCatalog> platform, StageLoggers loggers,
            RunCommand.SignalInstaller signals, ConfigEditor editor, Adapters adapters) {
        this.context = Objects.requireNonNull(context, "context");
        this.platform = Objects.requireNonNull(platform, "platform");
        this.loggers = Objects.requireNonNull(loggers, "loggers");
        this.signals = Objects.requireNonNull(signals, "signals");
        this.editor = Objects.requireNonNull(editor, "editor");
        this.adapters = Objects.requireNonNull(adapters, "adapters");
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PatchbayConfig config = context.serveConfig();
        PluginSelectionStore store = (id, enabled, known) -> {
            if (enabled) {
                editor.enable(context.source(), id, known);
            } else {
                editor.disable(context.source(), id, known);
            }
        };
        Host host;
        try {
            host = Host.open(new Host.Spec(config, config.pipelines(), List.of(), PipelineRuntime.Mode.SERVE,
                    "patchbay serve"), platform, loggers, store, err, adapters.calls());
        } catch (HostException e) {
            HostOutput.openFailed(err, "patchbay serve", e);
            return ExitCodes.USAGE;
        }
        RunSummary summary;
        try (host) {
            AutoCloseable handlers = signals.install(List.of("TERM", "INT"), host::onSignal);
            try {
                host.start();
                AutoCloseable running = adapters.start(host);
                try {
                    LOG.info("serving {} pipelines from {}; stop with SIGTERM, SIGINT or POST /shutdown",
                            config.pipelines().size(), config.file());
                    summary = host.finish(host.awaitShutdown());
                } finally {
                    running.close();
                }
            } finally {
                handlers.close();
            }
        } finally {
            if (host.pluginsLeftLoaded()) {
                HostOutput.pluginsLeftLoaded(err);
            }
        }
        HostOutput.summary(out, err, summary, false, new ObjectMapper());
        return exitCode(summary);
    }

    static int exitCode(RunSummary summary) {
        if (summary.pipelines().stream().anyMatch(RunSummary.PipelineSummary::fatal)) {
            return RunSummary.EXIT_FATAL;
        }
        return summary.forced().isPresent() ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }
}
