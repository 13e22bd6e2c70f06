package dev.patchbay.host.config;

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
 *   "plugins":   { "directory": "plugins", "enabled": ["files", "transforms"], "disabled": ["hello"] },
 *   "state":     { "directory": "state" },
 *   "logging":   { "format": "text", "level": "INFO" },
 *   "runtime":   { "shutdownGraceSeconds": 30 },
 *   "pipelines": { "demo": { "source": {...}, "processors": [...], "sink": {...},
 *                            "batchSize": 500, "lingerMillis": 200, "queueCapacity": 1024 } }
 * }
 * }</pre>
 *
 * @param file the file the configuration was read from
 * @param home the Patchbay home that relative paths resolve against
 * @param pluginsDirectory {@code plugins.directory}, default {@code plugins}
 * @param enabled {@code plugins.enabled}: when non-empty, only these plugin ids are loaded; empty means all
 * @param disabled {@code plugins.disabled}: plugin ids never loaded; wins over {@code enabled}
 * @param stateDirectory {@code state.directory}, default {@code state}: where checkpoints are kept
 * @param logFormat {@code logging.format}, {@code text} (default) or {@code json}
 * @param logLevel {@code logging.level}, default {@code INFO}
 * @param shutdownGraceSeconds {@code runtime.shutdownGraceSeconds}, default 30
 * @param pipelines the pipelines, in file order
 * @param locations the line and column of every value, for error messages
 */
public record PatchbayConfig(Path file, Path home, Path pluginsDirectory, Set<String> enabled, Set<String> disabled,
        Path stateDirectory, String logFormat, String logLevel, long shutdownGraceSeconds,
        List<PipelineConfig> pipelines, ConfigLocations locations) {

    public PatchbayConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(pluginsDirectory, "pluginsDirectory");
        enabled = Set.copyOf(enabled);
        disabled = Set.copyOf(disabled);
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        Objects.requireNonNull(logFormat, "logFormat");
        Objects.requireNonNull(logLevel, "logLevel");
        pipelines = List.copyOf(pipelines);
        Objects.requireNonNull(locations, "locations");
    }
}
