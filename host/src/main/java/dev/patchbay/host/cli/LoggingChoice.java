package dev.patchbay.host.cli;

import dev.patchbay.host.config.ConfigReader;
import dev.patchbay.host.config.LogOutputs;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.logging.LogFile;
import dev.patchbay.host.logging.LogFormat;
import dev.patchbay.host.logging.LogSettings;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides the log format, level and outputs of one command line. The format and the level are taken from the
 * first of: the command-line option ({@code --log-format}, {@code --log-level}), the environment variable
 * ({@value #ENV_FORMAT}, {@value #ENV_LEVEL}), the configuration's {@code logging} section, the default
 * ({@code text}, {@code INFO}). An empty variable counts as unset.
 */
final class LoggingChoice {

    static final String ENV_FORMAT = "PATCHBAY_LOG_FORMAT";
    static final String ENV_LEVEL = "PATCHBAY_LOG_LEVEL";
    /** The operator's own Logback configuration, relative to the home. */
    static final String OPERATOR_FILE = "config/logback.xml";

    private static final long BYTES_PER_MB = 1024L * 1024L;

    private final Function<String, String> environment;

    /** @param environment the process environment by name ({@code System::getenv} in production); null when unset */
    LoggingChoice(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /**
     * Before the configuration is read, and for commands that never read it: console only.
     *
     * @throws UsageException if a variable holds a value that is not a format or level
     */
    LogSettings withoutConfig(GlobalOptions options) {
        return LogSettings.console(format(options).orElse(LogFormat.TEXT),
                level(options).orElse(ConfigReader.DEFAULT_LOG_LEVEL));
    }

    /** With the configuration's {@code logging} section below the options and the environment. */
    LogSettings withConfig(GlobalOptions options, PatchbayConfig config) {
        return withConfig(options, config, false);
    }

    /**
     * As {@link #withConfig(GlobalOptions, PatchbayConfig)}; with {@code fileByDefault} (serve mode), the log file
     * {@code logs/patchbay.log} is written unless the section names another or says {@code "file": false}.
     */
    LogSettings withConfig(GlobalOptions options, PatchbayConfig config, boolean fileByDefault) {
        LogFormat format = format(options)
                .orElseGet(() -> LogFormat.ofLabel(config.logFormat()).orElse(LogFormat.TEXT));
        String level = level(options).orElse(config.logLevel());
        LogOutputs outputs = fileByDefault ? config.logOutputs().withDefaultFile(config.home()) : config.logOutputs();
        return new LogSettings(format, level, outputs.console(), outputs.file().map(LoggingChoice::logFile));
    }

    /** The level chosen for this invocation (option or environment), which also overrides an operator's file. */
    Optional<String> level(GlobalOptions options) {
        if (options.logLevel().isPresent()) {
            return options.logLevel();
        }
        return variable(ENV_LEVEL).map(value -> {
            String upper = value.strip().toUpperCase(Locale.ROOT);
            if (Arrays.stream(GlobalOptions.Level.values()).noneMatch(l -> l.name().equals(upper))) {
                throw invalid(ENV_LEVEL, value, Arrays.stream(GlobalOptions.Level.values()).map(Enum::name));
            }
            return upper;
        });
    }

    /** The operator's own Logback file under the configuration's home (it need not exist). */
    static Path operatorFile(PatchbayConfig config) {
        return config.home().resolve(OPERATOR_FILE);
    }

    private Optional<LogFormat> format(GlobalOptions options) {
        if (options.logFormat().isPresent()) {
            return options.logFormat();
        }
        return variable(ENV_FORMAT).map(value -> LogFormat.ofLabel(value.strip())
                .orElseThrow(() -> invalid(ENV_FORMAT, value, Arrays.stream(LogFormat.values()).map(LogFormat::label))));
    }

    private Optional<String> variable(String name) {
        return Optional.ofNullable(environment.apply(name)).filter(value -> !value.isEmpty());
    }

    private static UsageException invalid(String variable, String value, java.util.stream.Stream<String> choices) {
        return new UsageException("the environment variable " + variable + " is '" + value + "', which is not one of "
                + choices.collect(Collectors.joining(", ")) + "; set it to one of them or unset it");
    }

    private static LogFile logFile(LogOutputs.File file) {
        return new LogFile(file.path().toAbsolutePath(), file.maxFileSizeMb() * BYTES_PER_MB, file.maxHistoryDays(),
                file.totalSizeCapMb() * BYTES_PER_MB);
    }
}
