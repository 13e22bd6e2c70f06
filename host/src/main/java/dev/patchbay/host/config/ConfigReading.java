package dev.patchbay.host.config;

import dev.patchbay.host.plugin.ExtensionKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything a configuration file yields in one walk: its own errors, the configuration as far as it could be
 * read, and every stage that can still be checked against the plugins. {@code run} and the other commands need
 * a valid file ({@link #orThrow}); {@code config check} also checks the readable stages of an invalid one, so
 * that the file's errors and the plugins' verdicts are reported at once.
 *
 * @param config the configuration with every value that could not be read replaced by its default, and with
 *        only the pipelines that are valid as a whole; equal to the file's configuration when there are no errors
 * @param stages every stage whose {@code use} could be read, in file order, including the stages of pipelines
 *        that have errors
 * @param errors the file's own errors in file order; empty when the file is valid
 */
public record ConfigReading(PatchbayConfig config, List<StageUse> stages, List<ConfigError> errors) {

    private static final String PLUGINS = JsonPaths.field(JsonPaths.ROOT, "plugins");

    public ConfigReading {
        Objects.requireNonNull(config, "config");
        stages = List.copyOf(stages);
        errors = List.copyOf(errors);
    }

    /** The reading of a valid configuration: no errors, and the stages of all its pipelines. */
    public static ConfigReading of(PatchbayConfig config) {
        List<StageUse> stages = new ArrayList<>();
        for (PipelineConfig pipeline : config.pipelines()) {
            stages.add(new StageUse(pipeline.name(), pipeline.source(), ExtensionKind.SOURCE, true));
            pipeline.processors().forEach(p -> stages.add(new StageUse(pipeline.name(), p, ExtensionKind.PROCESSOR,
                    true)));
            stages.add(new StageUse(pipeline.name(), pipeline.sink(), ExtensionKind.SINK, true));
            pipeline.errors().deadLetter().ifPresent(d -> stages.add(new StageUse(pipeline.name(), d,
                    ExtensionKind.SINK, true)));
        }
        return new ConfigReading(config, stages, List.of());
    }

    /** Where every value and key of the file is. */
    public ConfigLocations locations() {
        return config.locations();
    }

    /** Whether the file is valid. */
    public boolean valid() {
        return errors.isEmpty();
    }

    /**
     * Whether the {@code plugins} section was read as written. When it was not, the plugins folder and the
     * selection are defaults rather than the operator's, and checking the pipelines against the plugins they
     * select would report problems of a selection nobody configured.
     */
    public boolean selectionReadable() {
        return errors.stream().map(ConfigError::path).noneMatch(ConfigReading::inPluginsSection);
    }

    /** Whether a JSON path is the {@code plugins} section or inside it. */
    public static boolean inPluginsSection(String path) {
        return path.equals(PLUGINS) || path.startsWith(PLUGINS + ".") || path.startsWith(PLUGINS + "[");
    }

    /**
     * The configuration, when the file is valid.
     *
     * @throws ConfigException with every error of the file otherwise
     */
    public PatchbayConfig orThrow() {
        if (!errors.isEmpty()) {
            throw new ConfigException(config.file(), errors);
        }
        return config;
    }
}
