package dev.patchbay.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchbay.host.plugin.ExtensionKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads one entry of {@code pipelines}: its stages, its tuning and, through {@link SupervisionReader}, how it
 * is supervised.
 */
final class PipelineReader {

    private static final List<String> PIPELINE_KEYS =
            List.of("source", "processors", "sink", "batchSize", "lingerMillis", "queueCapacity", "timeouts", "errors",
                    "restart", "maxRecordsPerSecond", "commitIntervalMillis", "parallelism");
    /** The name is the checkpoint file's name and part of thread names, hence the letters and the length. */
    private static final Pattern PIPELINE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    private final ConfigWalk walk;
    private final StageReader stages;
    private final SupervisionReader supervision;

    PipelineReader(ConfigWalk walk, StageReader stages, SupervisionReader supervision) {
        this.walk = Objects.requireNonNull(walk, "walk");
        this.stages = Objects.requireNonNull(stages, "stages");
        this.supervision = Objects.requireNonNull(supervision, "supervision");
    }

    /**
     * The pipeline, or empty when anything in it is invalid (each problem is then an error of the walk).
     *
     * @param runtimeTimeouts {@code runtime.timeouts}, which supplies each timeout the pipeline does not set
     */
    Optional<PipelineConfig> pipeline(String name, JsonNode node, String path, Timeouts runtimeTimeouts) {
        int before = walk.errorCount();
        if (!PIPELINE_NAME.matcher(name).matches()) {
            walk.keyError(path, "pipeline name \"" + name + "\" is not valid",
                    "use at most 100 letters, digits, '_', '.' and '-', starting with a letter or digit, such as "
                            + "\"demo\"");
        }
        if (!node.isObject()) {
            walk.error(path, "pipeline \"" + name + "\" is " + ConfigWalk.describe(node) + " but must be an object",
                    "write {\"source\": {...}, \"processors\": [...], \"sink\": {...}}");
            return Optional.empty();
        }
        ObjectNode object = (ObjectNode) node;
        walk.knownKeys(object, path, PIPELINE_KEYS);
        Optional<StageConfig> source = stages.stage(object, path, "source", true, "the pipeline", name,
                ExtensionKind.SOURCE);
        List<StageConfig> processors = processors(object, path, name);
        Optional<StageConfig> sink = stages.stage(object, path, "sink", true, "the pipeline", name,
                ExtensionKind.SINK);
        long batchSize = walk.wholeNumber(object, path, "batchSize", PipelineConfig.DEFAULT_BATCH_SIZE,
                PipelineConfig.MIN_BATCH_SIZE, PipelineConfig.MAX_BATCH_SIZE, "records");
        long linger = walk.wholeNumber(object, path, "lingerMillis", PipelineConfig.DEFAULT_LINGER_MILLIS,
                PipelineConfig.MIN_LINGER_MILLIS, PipelineConfig.MAX_LINGER_MILLIS, "milliseconds");
        long capacity = walk.wholeNumber(object, path, "queueCapacity", PipelineConfig.DEFAULT_QUEUE_CAPACITY,
                PipelineConfig.MIN_QUEUE_CAPACITY, PipelineConfig.MAX_QUEUE_CAPACITY, "records");
        Timeouts timeouts = supervision.timeouts(object, path, runtimeTimeouts);
        ErrorPolicy errors = supervision.errors(object, path, name);
        RestartPolicy restart = supervision.restart(object, path);
        long rate = walk.wholeNumber(object, path, "maxRecordsPerSecond", 0, 0, PipelineConfig.MAX_RECORDS_PER_SECOND,
                "records per second");
        long commitInterval = walk.wholeNumber(object, path, "commitIntervalMillis",
                PipelineConfig.DEFAULT_COMMIT_INTERVAL_MILLIS, PipelineConfig.MIN_COMMIT_INTERVAL_MILLIS,
                PipelineConfig.MAX_COMMIT_INTERVAL_MILLIS, "milliseconds");
        long parallelism = walk.wholeNumber(object, path, "parallelism", PipelineConfig.AUTO_PARALLELISM,
                PipelineConfig.MIN_PARALLELISM, PipelineConfig.MAX_PARALLELISM, "workers");
        if (walk.errorCount() > before || source.isEmpty() || sink.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PipelineConfig(name, source.get(), processors, sink.get(), (int) batchSize,
                linger, (int) capacity, timeouts, errors, restart, rate, commitInterval, path,
                (int) parallelism));
    }

    private List<StageConfig> processors(ObjectNode pipeline, String path, String name) {
        List<StageConfig> processors = new ArrayList<>();
        JsonNode list = pipeline.get("processors");
        String listPath = JsonPaths.field(path, "processors");
        if (list == null || list.isNull()) {
            return processors;
        }
        if (!list.isArray()) {
            walk.error(listPath, "\"processors\" is " + ConfigWalk.describe(list) + " but must be an array",
                    "write an array of stages, such as [{\"use\": \"transforms/filter\", \"settings\": {}}], "
                            + "or [] for none");
            return processors;
        }
        for (int i = 0; i < list.size(); i++) {
            stages.stage(list.get(i), JsonPaths.index(listPath, i), name, ExtensionKind.PROCESSOR)
                    .ifPresent(processors::add);
        }
        return processors;
    }
}
