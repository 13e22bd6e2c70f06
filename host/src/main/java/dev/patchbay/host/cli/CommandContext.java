package dev.patchbay.host.cli;

import dev.patchbay.host.config.ConfigLocator;
import dev.patchbay.host.config.ConfigReader;
import dev.patchbay.host.config.ConfigReading;
import dev.patchbay.host.config.ConfigSource;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.logging.LogSetup;
import dev.patchbay.host.plugin.PluginPlatform;
import dev.patchbay.host.plugin.PluginSelection;
import dev.patchbay.host.plugin.StartRequest;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What every command needs, handed to each command's constructor: the global options (filled in by
 * picocli before the command runs), the output streams, and the steps from options to a configuration
 * and a plugin platform. One instance per command line; not shared between threads.
 */
public final class CommandContext {

    private final GlobalOptions options;
    private final ConfigLocator locator;
    private final ConfigReader reader;
    private final LogSetup logSetup;
    private final LoggingChoice logging;
    private final OutputStream logTarget;
    private final PrintWriter out;
    private final PrintWriter err;
    private Duration exitGrace = Duration.ofSeconds(ConfigReader.DEFAULT_SHUTDOWN_GRACE_SECONDS);

    /** A context that reads no logging variables from the environment. */
    public CommandContext(GlobalOptions options, ConfigLocator locator, ConfigReader reader, LogSetup logSetup,
            OutputStream logTarget, PrintWriter out, PrintWriter err) {
        this(options, locator, reader, logSetup, name -> null, logTarget, out, err);
    }

    /**
     * @param environment the process environment by name, for {@code PATCHBAY_LOG_FORMAT} and
     *                    {@code PATCHBAY_LOG_LEVEL}; null when a variable is unset
     * @param logTarget where log lines go, standard error in production
     * @param out where command results go (standard output)
     * @param err where messages for the operator go (standard error)
     */
    public CommandContext(GlobalOptions options, ConfigLocator locator, ConfigReader reader, LogSetup logSetup,
            Function<String, String> environment, OutputStream logTarget, PrintWriter out, PrintWriter err) {
        this.logging = new LoggingChoice(environment);
        this.options = Objects.requireNonNull(options, "options");
        this.locator = Objects.requireNonNull(locator, "locator");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.logSetup = Objects.requireNonNull(logSetup, "logSetup");
        this.logTarget = Objects.requireNonNull(logTarget, "logTarget");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
    }

    public GlobalOptions options() {
        return options;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public ConfigReader reader() {
        return reader;
    }

    /** Where the configuration is, from the options, the environment and the launcher. */
    /** A path given on the command line, resolved against the working directory of this invocation. */
    public Path resolve(Path operatorPath) {
        return locator.resolve(operatorPath);
    }

    public ConfigSource source() {
        return locator.locate(options.home(), options.config());
    }

    /**
     * Configures logging from the options alone; for commands that do not read the configuration and
     * before the configuration has been read.
     */
    public void configureLogging() {
        logSetup.configure(logging.withoutConfig(options), logTarget);
    }

    /**
     * Reads and validates the configuration, then configures logging (see {@link LoggingChoice}): the home's
     * {@code config/logback.xml} when it exists, else the options, the environment and the file's section.
     *
     * @throws dev.patchbay.host.config.ConfigException with every error in the file
     */
    public PatchbayConfig config() {
        return reading().orThrow();
    }

    /**
     * Reads the configuration as far as it can be read, for {@code config check}, then configures logging from
     * what could be read (options win over the file).
     *
     * @throws dev.patchbay.host.config.ConfigException when nothing of the file can be used
     */
    public ConfigReading reading() {
        return reading(false);
    }

    /**
     * As {@link #config()} for {@code patchbay serve}: logging also goes to {@code logs/patchbay.log} unless the
     * configuration names another file or says {@code "file": false}.
     */
    public PatchbayConfig serveConfig() {
        return reading(true).orThrow();
    }

    private ConfigReading reading(boolean serve) {
        configureLogging();
        ConfigReading reading = reader.readAll(source());
        PatchbayConfig config = reading.config();
        logSetup.configure(LoggingChoice.operatorFile(config), logging.level(options),
                logging.withConfig(options, config, serve), logTarget);
        exitGrace = Duration.ofSeconds(config.shutdownGraceSeconds());
        return reading;
    }

    /**
     * How long the JVM's shutdown hooks may run when the process exits after this command line:
     * {@code runtime.shutdownGraceSeconds} of the configuration a command read, or its default (30 s) when no
     * command read one.
     */
    public Duration exitGrace() {
        return exitGrace;
    }

    /**
     * A platform over the configuration's plugins folder and selection, whose plugins each have
     * {@code runtime.timeouts.createMillis} to start; the caller closes it.
     *
     * @throws UsageException if the plugins folder does not exist
     */
    public PluginPlatform platform(PatchbayConfig config) {
        if (!Files.isDirectory(config.pluginsDirectory())) {
            throw new UsageException(missingPluginsFolder(config));
        }
        return new PluginPlatform(config.pluginsDirectory(),
                new PluginSelection(config.enabled(), config.disabled(), config.allowExit()),
                Duration.ofMillis(config.timeouts().createMillis()), config.archivePolicy(),
                Optional.of(linkageCache(config)));
    }

    /** Where the linkage check keeps its results across runs: {@code <state>/cache/linkage}. */
    static Path linkageCache(PatchbayConfig config) {
        return config.stateDirectory().resolve("cache").resolve("linkage");
    }

    /** What {@code --start} starts in its separate JVM: the plugins {@link #platform} would load, as it would. */
    public StartRequest startRequest(PatchbayConfig config) {
        return StartRequest.directory(config.pluginsDirectory(),
                new PluginSelection(config.enabled(), config.disabled(), config.allowExit()), config.archivePolicy(),
                Duration.ofMillis(config.timeouts().createMillis()));
    }

    static String missingPluginsFolder(PatchbayConfig config) {
        return "the plugins folder " + config.pluginsDirectory() + " does not exist; create it, set plugins.directory in "
                + config.file() + ", or choose another home with --home or PATCHBAY_HOME";
    }
}
