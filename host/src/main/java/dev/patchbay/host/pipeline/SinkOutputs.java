package dev.patchbay.host.pipeline;

import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.StageConfig;
import dev.patchbay.api.Setting;
import dev.patchbay.host.plugin.ExtensionCatalog;
import dev.patchbay.host.plugin.ExtensionKind;
import dev.patchbay.host.plugin.LoadedExtension;
import dev.patchbay.host.plugin.VersionRange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a pipeline's output goes: each sink stage (the sink, then {@code errors.deadLetter}) with the settings its
 * plugin declares as output paths, resolved against the Patchbay home. The host knows no plugin's setting names;
 * which settings are output paths is the plugin's to say ({@link OutputKeys}). Settings that came from references
 * are carried as written ({@link StageConfig#shown}), never resolved.
 */
final class SinkOutputs {

    /** Which settings of a sink stage hold output paths, as its plugin declares them. */
    @FunctionalInterface
    interface OutputKeys {
        Set<String> of(StageConfig stage);
    }

    private static final Logger LOG = LoggerFactory.getLogger(SinkOutputs.class);

    private SinkOutputs() {
    }

    /**
     * The output-path settings each stage's extension declares: the keys of its settings whose
     * {@code Setting.pathRole()} is {@code OUTPUT} (api 1.1.0). A plugin built for api 1.0 declares none, and the
     * summary shows its sink's settings instead. The descriptions are read in the plugin's scope; they passed
     * validation, so a plugin whose {@code settings()} throws now is logged, naming it, and shows its settings.
     */
    static OutputKeys declared(ExtensionCatalog catalog) {
        Objects.requireNonNull(catalog, "catalog");
        return stage -> ExtensionRef.parse(stage.use())
                .flatMap(ref -> catalog.extension(ref.pluginId(), stage.version().orElse(VersionRange.ANY),
                        ExtensionKind.SINK, ref.name()))
                .map(extension -> outputKeys(stage, extension)).orElse(Set.of());
    }

    private static Set<String> outputKeys(StageConfig stage, LoadedExtension extension) {
        try {
            return extension.settings().stream()
                    .filter(setting -> setting.pathRole().filter(Setting.PathRole.OUTPUT::equals).isPresent())
                    .map(Setting::key).collect(Collectors.toUnmodifiableSet());
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            LOG.warn("the settings description of \"{}\" (plugin '{}') could not be read again to find its output "
                    + "paths, so the summary shows its settings instead; report it to the plugin's provider",
                    stage.use(), extension.pluginId(), e);
            return Set.of();
        }
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
            // A path from a ${env:} or ${file:} reference is not shown resolved; the settings line shows it as written.
            if (declared.contains(key) && !stage.referencedKeys().contains(key) && value instanceof String path
                    && !path.isEmpty()) {
                paths.add(new PipelineEndpoints.OutputPath(key, home.resolve(path).toAbsolutePath().normalize()));
            }
        });
        return new PipelineEndpoints.SinkOutput(role, stage.use(), stage.shown(), paths);
    }
}
