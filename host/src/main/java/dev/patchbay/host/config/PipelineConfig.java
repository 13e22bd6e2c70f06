package dev.patchbay.host.config;

import java.util.List;
import java.util.Objects;

/**
 * A named pipeline: a source, processors in order, and a sink, with its runtime tuning.
 *
 * @param name the pipeline's name, the key under {@code pipelines}
 * @param source the source stage
 * @param processors the processor stages, in order, possibly none
 * @param sink the sink stage
 * @param batchSize the most records handed to the sink in one write, at least 1 (default 500)
 * @param lingerMillis how long a partial batch may wait for more records before it is written (default 200)
 * @param queueCapacity records buffered between two stages, at least 1 (default 1024)
 * @param path the JSON path of the pipeline object
 */
public record PipelineConfig(String name, StageConfig source, List<StageConfig> processors, StageConfig sink,
        int batchSize, long lingerMillis, int queueCapacity, String path) {

    public static final int DEFAULT_BATCH_SIZE = 500;
    public static final long DEFAULT_LINGER_MILLIS = 200;
    public static final int DEFAULT_QUEUE_CAPACITY = 1024;

    public PipelineConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        processors = List.copyOf(processors);
        Objects.requireNonNull(sink, "sink");
        if (batchSize < 1 || lingerMillis < 0 || queueCapacity < 1) {
            throw new IllegalArgumentException("pipeline '" + name + "': batchSize " + batchSize + ", lingerMillis "
                    + lingerMillis + " and queueCapacity " + queueCapacity + " must be positive");
        }
        Objects.requireNonNull(path, "path");
    }
}
