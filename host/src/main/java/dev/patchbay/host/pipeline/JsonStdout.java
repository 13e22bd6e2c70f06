package dev.patchbay.host.pipeline;

import dev.patchbay.host.config.ConfigError;
import dev.patchbay.host.config.ConfigLocations;
import dev.patchbay.host.config.ErrorPolicy;
import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.StageConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Under {@code run --json} standard output carries the JSON documents only. The one extension that writes to
 * the process's standard output by design, {@code console/print}, therefore prints to standard error instead:
 * a stage that leaves its {@code stream} setting out gets {@code "stream": "stderr"}, and one that asks for
 * {@code "stdout"} explicitly is a configuration error naming the pipeline and the stage.
 *
 * <p>Why the host knows this one extension: the sink writes to file descriptor 1 itself (what plugin code prints
 * to {@code System.out} is logged, see {@code PluginConsole}), so no host-side stream can catch it, and api 1.0
 * has no way to tell a plugin that standard output is taken. A generic mechanism needs an api addition (see
 * design/TODO.md).
 */
public final class JsonStdout {

    static final String CONSOLE_PRINT = "console/print";
    static final String STREAM = "stream";

    private JsonStdout() {
    }

    /** The pipelines as they run under {@code --json}, and the stages that cannot. */
    public record Result(List<PipelineConfig> pipelines, List<ConfigError> errors) {
        public Result {
            pipelines = List.copyOf(pipelines);
            errors = List.copyOf(errors);
        }
    }

    public static Result reserve(List<PipelineConfig> pipelines, ConfigLocations locations) {
        Objects.requireNonNull(locations, "locations");
        List<PipelineConfig> rewritten = new ArrayList<>();
        List<ConfigError> errors = new ArrayList<>();
        for (PipelineConfig pipeline : pipelines) {
            StageConfig sink = toStderr(pipeline, "sink", pipeline.sink(), locations, errors);
            ErrorPolicy policy = pipeline.errors();
            Optional<StageConfig> deadLetter = policy.deadLetter()
                    .map(stage -> toStderr(pipeline, "errors.deadLetter", stage, locations, errors));
            rewritten.add(pipeline.withSink(sink).withErrors(new ErrorPolicy(policy.tolerance(), deadLetter,
                    policy.maxFailures(), policy.maxFailureRatio())));
        }
        return new Result(rewritten, errors);
    }

    private static StageConfig toStderr(PipelineConfig pipeline, String role, StageConfig stage,
            ConfigLocations locations, List<ConfigError> errors) {
        if (!stage.use().equals(CONSOLE_PRINT)) {
            return stage;
        }
        Object stream = stage.settings().get(STREAM);
        if (stream == null && !stage.settings().containsKey(STREAM)) {
            Map<String, Object> settings = new LinkedHashMap<>(stage.settings());
            settings.put(STREAM, "stderr");
            return new StageConfig(stage.use(), settings, stage.path(), stage.written());
        }
        if ("stdout".equals(stream)) {
            String path = stage.path() + ".settings." + STREAM;
            errors.add(new ConfigError(path, locations.of(path), "pipeline '" + pipeline.name() + "': " + role + " "
                    + CONSOLE_PRINT + " prints to standard output (\"stream\": \"stdout\"), which `run --json` "
                    + "keeps for its JSON documents",
                    "remove the setting (under --json " + CONSOLE_PRINT + " then prints to standard error), set "
                            + "\"stream\": \"stderr\", or run without --json"));
        }
        return stage;
    }
}
