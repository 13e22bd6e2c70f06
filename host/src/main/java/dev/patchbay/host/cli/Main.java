package dev.patchbay.host.cli;

import dev.patchbay.host.admin.ConsoleRoutes;
import dev.patchbay.host.config.AtomicFiles;
import dev.patchbay.host.config.ConfigEditor;
import dev.patchbay.host.config.ConfigException;
import dev.patchbay.host.config.ConfigLocator;
import dev.patchbay.host.config.ConfigReader;
import dev.patchbay.host.config.ConfigValidator;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.logging.LogFormat;
import dev.patchbay.host.logging.LogSetup;
import dev.patchbay.host.pipeline.PipelineValidator;
import dev.patchbay.host.pipeline.SignalHandlers;
import dev.patchbay.host.plugin.ExitGuard;
import dev.patchbay.host.plugin.PluginConsole;
import dev.patchbay.host.plugin.PluginLoggers;
import dev.patchbay.host.plugin.PluginPlatform;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The {@code patchbay} entry point. Builds the object graph by hand (options, configuration locator and
 * reader, logging, commands) and hands the arguments to picocli. Nothing here is global: tests create a
 * Main with their own environment, working directory and streams.
 */
public final class Main {

    private final Map<String, String> environment;
    private final Optional<String> homeProperty;
    private final Path workingDirectory;
    private final PrintStream stdout;
    private final PrintStream stderr;
    private final List<ConfigValidator> validators;
    private final RunCommand.SignalInstaller signals;

    public Main(Map<String, String> environment, Optional<String> homeProperty, Path workingDirectory,
            PrintStream stdout, PrintStream stderr) {
        this(environment, homeProperty, workingDirectory, stdout, stderr, validators());
    }

    Main(Map<String, String> environment, Optional<String> homeProperty, Path workingDirectory,
            PrintStream stdout, PrintStream stderr, List<ConfigValidator> validators) {
        this(environment, homeProperty, workingDirectory, stdout, stderr, validators, SignalHandlers::install);
    }

    /**
     * @param signals how {@code run} installs its stop-signal handlers: {@link SignalHandlers#install} restores the
     *                previous ones when the run ends, {@link SignalHandlers#installUntilExit} (the process) keeps
     *                them until the JVM exits
     */
    Main(Map<String, String> environment, Optional<String> homeProperty, Path workingDirectory,
            PrintStream stdout, PrintStream stderr, List<ConfigValidator> validators,
            RunCommand.SignalInstaller signals) {
        this.signals = Objects.requireNonNull(signals, "signals");
        this.validators = List.copyOf(validators);
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        this.homeProperty = Objects.requireNonNull(homeProperty, "homeProperty");
        this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory");
        this.stdout = Objects.requireNonNull(stdout, "stdout");
        this.stderr = Objects.requireNonNull(stderr, "stderr");
    }

    public static void main(String[] args) {
        PrintStream stderr = System.err;
        // The process exits right after the command: run's signal handlers stay installed until then, so that a
        // signal after the summary cannot replace the exit code with the JVM's 130 or 143.
        Exit exit = launch(System.getenv(), Optional.ofNullable(System.getProperty(ConfigLocator.HOME_PROPERTY)),
                Path.of("").toAbsolutePath(), SignalHandlers::installUntilExit, args);
        // A plugin's shutdown hook that never ends would keep System.exit waiting forever; the guard halts the JVM
        // with the same code once the grace has passed (see ExitGuard).
        new ExitGuard(exit.grace(), stderr).arm(exit.code());
        System.exit(exit.code());
    }

    /**
     * Runs one command line as the process does: the host's output and the log go to the standard streams
     * as they are now, and what plugin code prints to {@code System.out} or {@code System.err} from now on
     * is logged (see {@link PluginConsole}).
     */
    static Exit launch(Map<String, String> environment, Optional<String> homeProperty, Path workingDirectory,
            String... args) {
        return launch(environment, homeProperty, workingDirectory, SignalHandlers::install, args);
    }

    private static Exit launch(Map<String, String> environment, Optional<String> homeProperty, Path workingDirectory,
            RunCommand.SignalInstaller signals, String... args) {
        // Captured before the routing streams replace them, so the host's writers and the log appender keep
        // writing to the real streams. The routing stays installed until the JVM exits: plugin threads left
        // behind by a forced stop may still print after the command returns.
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        // Until a command configures logging from its options and configuration (--version and usage errors never
        // do), Logback's default would write DEBUG lines, the exit's among them, to standard output.
        new LogSetup().configure(LogFormat.TEXT, ConfigReader.DEFAULT_LOG_LEVEL, stderr);
        PluginConsole.install();
        return new Main(environment, homeProperty, workingDirectory, stdout, stderr, validators(), signals)
                .execute(args);
    }

    /**
     * How a command line ended.
     *
     * @param code the exit code (see {@link ExitCodes})
     * @param grace how long the JVM's shutdown hooks may then run: the configuration's
     *              {@code runtime.shutdownGraceSeconds} if the command read it, else its default
     */
    record Exit(int code, Duration grace) {
        Exit {
            Objects.requireNonNull(grace, "grace");
        }
    }

    /** Runs one command line and returns the exit code (see {@link ExitCodes}). */
    public int run(String... args) {
        return execute(args).code();
    }

    /** Runs one command line and returns its exit code and exit grace. */
    Exit execute(String... args) {
        CommandContext context = context();
        int code = commandLine(context).execute(args);
        return new Exit(code, context.exitGrace());
    }

    /**
     * The validators {@code config check} runs after structural validation. The pipeline runtime adds
     * its validator here.
     */
    static List<ConfigValidator> validators() {
        return List.of((reading, catalog) -> new PipelineValidator().validate(reading, catalog));
    }

    /**
     * The top-level commands under {@code patchbay}. Adding a command is one line here: a picocli
     * {@code @Command} object built with the context (and the validators, if it checks the
     * configuration), or a {@link CommandLine} for a group.
     */
    static List<Object> commands(CommandContext context, List<ConfigValidator> validators,
            RunCommand.SignalInstaller signals) {
        return List.of(
                PluginsCommand.commandLine(context),
                ConfigCommand.commandLine(context, validators),
                new RunCommand(context::config, context::platform, PluginLoggers::forStage, signals),
                new ServeCommand(context, context::platform, PluginLoggers::forStage, signals,
                        new ConfigEditor(context.reader(), new AtomicFiles()),
                        new ServeAdapters(ConsoleRoutes.routes())),
                new StatusCommand(context),
                PipelinesCommand.commandLine(context),
                new ShutdownCommand(context));
    }

    private CommandContext context() {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
        return new CommandContext(new GlobalOptions(),
                new ConfigLocator(environment, homeProperty, workingDirectory), new ConfigReader(environment::get),
                new LogSetup(), environment::get, stderr, out, err);
    }

    private CommandLine commandLine(CommandContext context) {
        PrintWriter out = context.out();
        PrintWriter err = context.err();
        CommandLine root = new CommandLine(new PatchbayCommand(context.options()));
        for (Object command : commands(context, validators, signals)) {
            root.addSubcommand(command);
        }
        PluginsVerifyCommand.claimHomeFlag(root);
        // Set after the subcommands are added: picocli copies these settings to the subcommands it has.
        root.setCaseInsensitiveEnumValuesAllowed(true);
        root.setOut(out);
        root.setErr(err);
        root.setExecutionExceptionHandler(Main::handle);
        return root;
    }

    private static int handle(Exception exception, CommandLine command, CommandLine.ParseResult parseResult) {
        PrintWriter err = command.getErr();
        int code;
        if (exception instanceof ConfigException config) {
            TextOutput.configErrors(err, config.errors().size()
                    + (config.errors().size() == 1 ? " configuration error" : " configuration errors") + " in "
                    + config.file() + ":", config.errors());
            err.println("Run `patchbay config check` after fixing them.");
            code = ExitCodes.USAGE;
        } else if (exception instanceof UsageException || exception instanceof ConfigEditor.UnknownPluginException) {
            err.println(command.getCommandSpec().qualifiedName() + ": " + exception.getMessage());
            code = ExitCodes.USAGE;
        } else {
            err.println(command.getCommandSpec().qualifiedName() + " failed: " + describe(exception));
            err.println("Run again with --log-level DEBUG for the stack trace.");
            LoggerFactory.getLogger(Main.class).debug("command '{}' failed", command.getCommandName(), exception);
            code = ExitCodes.PROBLEMS;
        }
        err.flush();
        return code;
    }

    private static String describe(Throwable exception) {
        StringBuilder text = new StringBuilder(String.valueOf(exception.getMessage()));
        for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
            text.append("; caused by ").append(cause);
        }
        return text.toString();
    }
}
