package dev.patchbay.host.cli;

import dev.patchbay.host.logging.LogFormat;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options accepted by every command, before or after the subcommand name. One instance per command
 * line; picocli fills it while parsing, and commands read it when they run.
 */
public final class GlobalOptions {

    /** Log levels accepted by {@code --log-level}. */
    public enum Level { TRACE, DEBUG, INFO, WARN, ERROR, OFF }

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Configuration file. Default: $PATCHBAY_CONFIG, else config/patchbay.json under the home.")
    private Path config;

    @Option(names = "--home", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Patchbay home. Default: $PATCHBAY_HOME, else the launcher's installation, else the "
                    + "working directory.")
    private Path home;

    @Option(names = "--log-format", paramLabel = "FORMAT", scope = ScopeType.INHERIT,
            description = "Log line format: ${COMPLETION-CANDIDATES}. Default: $PATCHBAY_LOG_FORMAT, else "
                    + "logging.format from the configuration, else text.")
    private LogFormat logFormat;

    @Option(names = "--log-level", paramLabel = "LEVEL", scope = ScopeType.INHERIT,
            description = "Log level: ${COMPLETION-CANDIDATES}. Default: $PATCHBAY_LOG_LEVEL, else logging.level "
                    + "from the configuration, else INFO.")
    private Level logLevel;

    public Optional<Path> config() {
        return Optional.ofNullable(config);
    }

    public Optional<Path> home() {
        return Optional.ofNullable(home);
    }

    public Optional<LogFormat> logFormat() {
        return Optional.ofNullable(logFormat);
    }

    public Optional<String> logLevel() {
        return Optional.ofNullable(logLevel).map(Enum::name);
    }
}
