package dev.patchbay.host.config;

import dev.patchbay.host.plugin.ArchivePolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The operator's configuration, {@code config/patchbay.json}, after structural validation. Relative
 * directories are already resolved against the Patchbay home.
 *
 * <pre>{@code
 * {
 *   "plugins":   { "directory": "plugins", "enabled": ["files", "transforms"], "disabled": ["hello"],
 *                  "allowExit": [], "lock": "enforce", "trust": "config/trust", "requireSigned": true },
 *   "state":     { "directory": "state" },
 *   "logging":   { "format": "text", "level": "INFO", "console": true, "file": { "path": "logs/patchbay.log" } },
 *   "admin":     { "host": "127.0.0.1", "port": 8787, "tokenFile": "state/admin.token" },
 *   "runtime":   { "shutdownGraceSeconds": 30,
 *                  "timeouts": { "callMillis": 30000, "createMillis": 60000, "closeMillis": 10000 } },
 *   "pipelines": { "demo": { "source": {...}, "processors": [...], "sink": {...},
 *                            "batchSize": 500, "lingerMillis": 200, "queueCapacity": 1024,
 *                            "timeouts": { "callMillis": 5000 },
 *                            "errors": { "tolerance": "all", "deadLetter": {...}, "maxFailures": 100,
 *                                        "maxFailureRatio": 0.1 },
 *                            "restart": { "policy": "on-failure", "maxRestarts": 10, "initialBackoffMillis": 1000,
 *                                         "maxBackoffMillis": 60000, "multiplier": 2.0, "jitter": 0.2 },
 *                            "maxRecordsPerSecond": 0 } },
 *   "tracing":   { "otlpEndpoint": "http://collector:4318", "serviceName": "patchbay" }
 * }
 * }</pre>
 *
 * @param file the file the configuration was read from
 * @param home the Patchbay home that relative paths resolve against
 * @param pluginsDirectory {@code plugins.directory}, default {@code plugins}
 * @param enabled {@code plugins.enabled}: when non-empty, only these plugin ids are loaded; empty means all
 * @param disabled {@code plugins.disabled}: plugin ids never loaded; wins over {@code enabled}
 * @param allowExit {@code plugins.allowExit}: plugin ids allowed to call {@code System.exit},
 *        {@code Runtime.exit} or {@code Runtime.halt}; default empty
 * @param stateDirectory {@code state.directory}, default {@code state}: where checkpoints are kept
 * @param logFormat {@code logging.format}, {@code text} (default) or {@code json}
 * @param logLevel {@code logging.level}, default {@code INFO}
 * @param shutdownGraceSeconds {@code runtime.shutdownGraceSeconds}, 0 to {@value #MAX_SHUTDOWN_GRACE_SECONDS},
 *        default 30
 * @param timeouts {@code runtime.timeouts}: the default of every pipeline's {@code timeouts}; its
 *        {@code createMillis} also bounds each plugin's start
 * @param pipelines the pipelines, in file order
 * @param locations the line and column of every value, for error messages
 * @param logOutputs {@code logging.console} and {@code logging.file}: where log lines go
 * @param admin {@code admin}: where the admin API listens, with the environment's overrides applied
 * @param tracing {@code tracing}: where OpenTelemetry spans go; {@link TracingSettings#OFF} by default
 * @param archivePolicy {@code plugins.lock}, {@code plugins.trust} and {@code plugins.requireSigned}: the lockfile
 *        and signature checks every archive passes before it is read
 */
public record PatchbayConfig(Path file, Path home, Path pluginsDirectory, Set<String> enabled, Set<String> disabled,
        Set<String> allowExit, Path stateDirectory, String logFormat, String logLevel, long shutdownGraceSeconds,
        Timeouts timeouts, List<PipelineConfig> pipelines, ConfigLocations locations, LogOutputs logOutputs,
        AdminSettings admin, TracingSettings tracing, ArchivePolicy archivePolicy) {

    public static final long MIN_SHUTDOWN_GRACE_SECONDS = 0;
    /** One day: as milliseconds or nanoseconds added to {@code System.nanoTime()} it is far from overflow. */
    public static final long MAX_SHUTDOWN_GRACE_SECONDS = 86_400;

    public PatchbayConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(pluginsDirectory, "pluginsDirectory");
        enabled = Set.copyOf(enabled);
        disabled = Set.copyOf(disabled);
        allowExit = Set.copyOf(allowExit);
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        Objects.requireNonNull(logFormat, "logFormat");
        Objects.requireNonNull(logLevel, "logLevel");
        if (shutdownGraceSeconds < MIN_SHUTDOWN_GRACE_SECONDS || shutdownGraceSeconds > MAX_SHUTDOWN_GRACE_SECONDS) {
            throw new IllegalArgumentException("shutdownGraceSeconds " + shutdownGraceSeconds + " must be within "
                    + MIN_SHUTDOWN_GRACE_SECONDS + ".." + MAX_SHUTDOWN_GRACE_SECONDS);
        }
        Objects.requireNonNull(timeouts, "timeouts");
        pipelines = List.copyOf(pipelines);
        Objects.requireNonNull(locations, "locations");
        Objects.requireNonNull(logOutputs, "logOutputs");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(tracing, "tracing");
        Objects.requireNonNull(archivePolicy, "archivePolicy");
    }

    /** A configuration without lockfile or signature checks ({@link ArchivePolicy#open}). */
    public PatchbayConfig(Path file, Path home, Path pluginsDirectory, Set<String> enabled, Set<String> disabled,
            Set<String> allowExit, Path stateDirectory, String logFormat, String logLevel, long shutdownGraceSeconds,
            Timeouts timeouts, List<PipelineConfig> pipelines, ConfigLocations locations, LogOutputs logOutputs,
            AdminSettings admin, TracingSettings tracing) {
        this(file, home, pluginsDirectory, enabled, disabled, allowExit, stateDirectory, logFormat, logLevel,
                shutdownGraceSeconds, timeouts, pipelines, locations, logOutputs, admin, tracing,
                ArchivePolicy.open(home));
    }

    /** A configuration whose admin API has the default settings ({@link AdminSettings#defaults}), without tracing. */
    public PatchbayConfig(Path file, Path home, Path pluginsDirectory, Set<String> enabled, Set<String> disabled,
            Set<String> allowExit, Path stateDirectory, String logFormat, String logLevel, long shutdownGraceSeconds,
            Timeouts timeouts, List<PipelineConfig> pipelines, ConfigLocations locations, LogOutputs logOutputs) {
        this(file, home, pluginsDirectory, enabled, disabled, allowExit, stateDirectory, logFormat, logLevel,
                shutdownGraceSeconds, timeouts, pipelines, locations, logOutputs, AdminSettings.defaults(home),
                TracingSettings.OFF);
    }

    /** A configuration that logs to standard error only ({@link LogOutputs#CONSOLE}). */
    public PatchbayConfig(Path file, Path home, Path pluginsDirectory, Set<String> enabled, Set<String> disabled,
            Set<String> allowExit, Path stateDirectory, String logFormat, String logLevel, long shutdownGraceSeconds,
            Timeouts timeouts, List<PipelineConfig> pipelines, ConfigLocations locations) {
        this(file, home, pluginsDirectory, enabled, disabled, allowExit, stateDirectory, logFormat, logLevel,
                shutdownGraceSeconds, timeouts, pipelines, locations, LogOutputs.CONSOLE);
    }

    /** A configuration in which no plugin is allowed to end the JVM ({@code plugins.allowExit} empty). */
    public PatchbayConfig(Path file, Path home, Path pluginsDirectory, Set<String> enabled, Set<String> disabled,
            Path stateDirectory, String logFormat, String logLevel, long shutdownGraceSeconds,
            List<PipelineConfig> pipelines, ConfigLocations locations) {
        this(file, home, pluginsDirectory, enabled, disabled, Set.of(), stateDirectory, logFormat, logLevel,
                shutdownGraceSeconds, Timeouts.DEFAULT, pipelines, locations);
    }
}
