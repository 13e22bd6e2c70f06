package dev.patchbay.host.pipeline;

import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.StageConfig;
import dev.patchbay.host.plugin.ExtensionCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where a pipeline's output goes: each sink stage (the sink, then {@code errors.deadLetter}) with the settings its
 * plugin declares as output paths, resolved against the Patchbay home. The host knows no plugin's setting names;
 * which settings are output paths is the plugin's to say ({@link OutputKeys}).
 */
final class SinkOutputs {

    /** Which settings of a sink stage hold output paths, as its plugin declares them. */
    @FunctionalInterface
    interface OutputKeys {
        Set<String> of(StageConfig stage);
    }

    private SinkOutputs() {
    }

    /**
     * The output-path settings each stage's extension declares. Api 1.0 has no way to declare one, so this finds
     * none and the summary shows each sink's settings instead. With api 1.1.0 it becomes the keys of the settings
     * whose {@code Setting.pathRole()} is {@code OUTPUT}, found through {@code catalog}.
     */
    static OutputKeys declared(ExtensionCatalog catalog) {
        Objects.requireNonNull(catalog, "catalog");
        return stage -> Set.of();
    }

    /** The pipeline's sink stages and the output paths in their settings. */
    static List<PipelineEndpoints.SinkOutput> of(PipelineConfig pipeline, Path home, OutputKeys keys) {
        List<PipelineEndpoints.SinkOutput> outputs = new ArrayList<>();
        outputs.add(output("sink", pipeline.sink(), home, keys));
        pipeline.errors().deadLetter().ifPresent(stage -> outputs.add(output("errors.deadLetter", stage, home, keys)));
        return outputs;
    }

    private static PipelineEndpoints.SinkOutput output(String role, StageConfig stage, Path home, OutputKeys keys) {
        List<PipelineEndpoints.OutputPath> paths = new ArrayList<>();
        Set<String> declared = keys.of(stage);
        stage.settings().forEach((key, value) -> {
            if (declared.contains(key) && value instanceof String path && !path.isEmpty()) {
                paths.add(new PipelineEndpoints.OutputPath(key, home.resolve(path).toAbsolutePath().normalize()));
            }
        });
        return new PipelineEndpoints.SinkOutput(role, stage.use(), stage.settings(), paths);
    }
}
