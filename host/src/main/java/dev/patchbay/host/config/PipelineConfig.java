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
 * @param batchSize the most records handed to the sink in one write, 1 to {@value #MAX_BATCH_SIZE} (default 500)
 * @param lingerMillis how long a partial batch may wait for more records before it is written, 0 to
 *        {@value #MAX_LINGER_MILLIS} (default 200)
 * @param queueCapacity records buffered between two stages, 1 to {@value #MAX_QUEUE_CAPACITY} (default 1024)
 * @param timeouts the deadlines on its plugin calls
 * @param errors what happens to a record a stage rejects
 * @param restart whether it is started again after a failure
 * @param maxRecordsPerSecond the most records its source may emit per second, 1 to
 *        {@value #MAX_RECORDS_PER_SECOND}, or 0 (default) for no limit; applied per chunk
 * @param commitIntervalMillis how often the sink is flushed and the checkpoint committed while records flow,
 *        0 to {@value #MAX_COMMIT_INTERVAL_MILLIS} (default {@value #DEFAULT_COMMIT_INTERVAL_MILLIS}); 0 flushes
 *        and commits after every batch
 * @param path the JSON path of the pipeline object
 * @param parallelism how many workers run the processor chain, 1 to {@value #MAX_PARALLELISM}, or
 *        {@value #AUTO_PARALLELISM} (default, key absent) to pick a value from the cores
 */
public record PipelineConfig(String name, StageConfig source, List<StageConfig> processors, StageConfig sink,
        int batchSize, long lingerMillis, int queueCapacity, Timeouts timeouts, ErrorPolicy errors,
        RestartPolicy restart, long maxRecordsPerSecond, long commitIntervalMillis, String path,
        int parallelism) {

    public static final int DEFAULT_BATCH_SIZE = 500;
    public static final long DEFAULT_LINGER_MILLIS = 200;
    public static final int DEFAULT_QUEUE_CAPACITY = 1024;
    public static final long DEFAULT_COMMIT_INTERVAL_MILLIS = 1000;

    // The upper bounds keep every derived quantity far from overflow: the sink's batch list is allocated at
    // batchSize, lingerMillis becomes nanoseconds added to System.nanoTime(), and the pipeline's memory bound
    // 2 * queueCapacity + 3 * 256 + batchSize (records) stays an int. README's configuration table gives the
    // reasons.
    public static final int MIN_BATCH_SIZE = 1;
    public static final int MAX_BATCH_SIZE = 1_000_000;
    public static final long MIN_LINGER_MILLIS = 0;
    public static final long MAX_LINGER_MILLIS = 3_600_000;
    public static final int MIN_QUEUE_CAPACITY = 1;
    public static final int MAX_QUEUE_CAPACITY = 1_000_000;
    public static final long MAX_RECORDS_PER_SECOND = 1_000_000_000;
    // An hour, as lingerMillis: records wait unacknowledged for at most this long, and in nanoseconds it is far
    // from overflow.
    public static final long MIN_COMMIT_INTERVAL_MILLIS = 0;
    public static final long MAX_COMMIT_INTERVAL_MILLIS = 3_600_000;
    /** {@code parallelism} absent: the runtime picks the number of workers from the cores. */
    public static final int AUTO_PARALLELISM = 0;
    public static final int MIN_PARALLELISM = 1;
    // Each worker holds its own processor instances and two queues of up to queueCapacity records.
    public static final int MAX_PARALLELISM = 64;

    public PipelineConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        processors = List.copyOf(processors);
        Objects.requireNonNull(sink, "sink");
        if (batchSize < MIN_BATCH_SIZE || batchSize > MAX_BATCH_SIZE || lingerMillis < MIN_LINGER_MILLIS
                || lingerMillis > MAX_LINGER_MILLIS || queueCapacity < MIN_QUEUE_CAPACITY
                || queueCapacity > MAX_QUEUE_CAPACITY) {
            throw new IllegalArgumentException("pipeline '" + name + "': batchSize " + batchSize + ", lingerMillis "
                    + lingerMillis + " and queueCapacity " + queueCapacity + " must be within " + MIN_BATCH_SIZE + ".."
                    + MAX_BATCH_SIZE + ", " + MIN_LINGER_MILLIS + ".." + MAX_LINGER_MILLIS + " and "
                    + MIN_QUEUE_CAPACITY + ".." + MAX_QUEUE_CAPACITY);
        }
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(errors, "errors");
        Objects.requireNonNull(restart, "restart");
        if (maxRecordsPerSecond < 0 || maxRecordsPerSecond > MAX_RECORDS_PER_SECOND) {
            throw new IllegalArgumentException("pipeline '" + name + "': maxRecordsPerSecond " + maxRecordsPerSecond
                    + " must be within 0.." + MAX_RECORDS_PER_SECOND);
        }
        if (commitIntervalMillis < MIN_COMMIT_INTERVAL_MILLIS || commitIntervalMillis > MAX_COMMIT_INTERVAL_MILLIS) {
            throw new IllegalArgumentException("pipeline '" + name + "': commitIntervalMillis " + commitIntervalMillis
                    + " must be within " + MIN_COMMIT_INTERVAL_MILLIS + ".." + MAX_COMMIT_INTERVAL_MILLIS
                    + " (0 commits after every batch)");
        }
        Objects.requireNonNull(path, "path");
        if (parallelism != AUTO_PARALLELISM && (parallelism < MIN_PARALLELISM || parallelism > MAX_PARALLELISM)) {
            throw new IllegalArgumentException("pipeline '" + name + "': parallelism " + parallelism
                    + " must be within " + MIN_PARALLELISM + ".." + MAX_PARALLELISM + ", or " + AUTO_PARALLELISM
                    + " to pick it from the cores");
        }
    }

    /** A pipeline with the default commit interval whose parallelism is picked from the cores. */
    public PipelineConfig(String name, StageConfig source, List<StageConfig> processors, StageConfig sink,
            int batchSize, long lingerMillis, int queueCapacity, Timeouts timeouts, ErrorPolicy errors,
            RestartPolicy restart, long maxRecordsPerSecond, String path) {
        this(name, source, processors, sink, batchSize, lingerMillis, queueCapacity, timeouts, errors, restart,
                maxRecordsPerSecond, DEFAULT_COMMIT_INTERVAL_MILLIS, path, AUTO_PARALLELISM);
    }

    /** A pipeline with the default commit interval. */
    public PipelineConfig(String name, StageConfig source, List<StageConfig> processors, StageConfig sink,
            int batchSize, long lingerMillis, int queueCapacity, Timeouts timeouts, ErrorPolicy errors,
            RestartPolicy restart, long maxRecordsPerSecond, String path, int parallelism) {
        this(name, source, processors, sink, batchSize, lingerMillis, queueCapacity, timeouts, errors, restart,
                maxRecordsPerSecond, DEFAULT_COMMIT_INTERVAL_MILLIS, path, parallelism);
    }

    /** A pipeline whose parallelism is picked from the cores. */
    public PipelineConfig(String name, StageConfig source, List<StageConfig> processors, StageConfig sink,
            int batchSize, long lingerMillis, int queueCapacity, Timeouts timeouts, ErrorPolicy errors,
            RestartPolicy restart, long maxRecordsPerSecond, long commitIntervalMillis, String path) {
        this(name, source, processors, sink, batchSize, lingerMillis, queueCapacity, timeouts, errors, restart,
                maxRecordsPerSecond, commitIntervalMillis, path, AUTO_PARALLELISM);
    }

    /** A pipeline with the default timeouts, error policy and restart policy, and no rate limit. */
    public PipelineConfig(String name, StageConfig source, List<StageConfig> processors, StageConfig sink,
            int batchSize, long lingerMillis, int queueCapacity, String path) {
        this(name, source, processors, sink, batchSize, lingerMillis, queueCapacity, Timeouts.DEFAULT,
                ErrorPolicy.DEFAULT, RestartPolicy.DEFAULT, 0, DEFAULT_COMMIT_INTERVAL_MILLIS, path, AUTO_PARALLELISM);
    }

    /** This pipeline with other timeouts. */
    public PipelineConfig withTimeouts(Timeouts newTimeouts) {
        return new PipelineConfig(name, source, processors, sink, batchSize, lingerMillis, queueCapacity, newTimeouts,
                errors, restart, maxRecordsPerSecond, commitIntervalMillis, path, parallelism);
    }

    /** This pipeline with another error policy. */
    public PipelineConfig withErrors(ErrorPolicy newErrors) {
        return new PipelineConfig(name, source, processors, sink, batchSize, lingerMillis, queueCapacity, timeouts,
                newErrors, restart, maxRecordsPerSecond, commitIntervalMillis, path, parallelism);
    }

    /** This pipeline with another restart policy. */
    public PipelineConfig withRestart(RestartPolicy newRestart) {
        return new PipelineConfig(name, source, processors, sink, batchSize, lingerMillis, queueCapacity, timeouts,
                errors, newRestart, maxRecordsPerSecond, commitIntervalMillis, path, parallelism);
    }

    /** This pipeline with another rate limit (0 for none). */
    public PipelineConfig withMaxRecordsPerSecond(long newLimit) {
        return new PipelineConfig(name, source, processors, sink, batchSize, lingerMillis, queueCapacity, timeouts,
                errors, restart, newLimit, commitIntervalMillis, path, parallelism);
    }

    /** This pipeline with another commit interval (0 commits after every batch). */
    public PipelineConfig withCommitIntervalMillis(long newInterval) {
        return new PipelineConfig(name, source, processors, sink, batchSize, lingerMillis, queueCapacity, timeouts,
                errors, restart, maxRecordsPerSecond, newInterval, path, parallelism);
    }

    /** This pipeline with another sink. */
    public PipelineConfig withSink(StageConfig newSink) {
        return new PipelineConfig(name, source, processors, newSink, batchSize, lingerMillis, queueCapacity, timeouts,
                errors, restart, maxRecordsPerSecond, commitIntervalMillis, path, parallelism);
    }

    /** This pipeline with another parallelism ({@value #AUTO_PARALLELISM} to pick it from the cores). */
    public PipelineConfig withParallelism(int newParallelism) {
        return new PipelineConfig(name, source, processors, sink, batchSize, lingerMillis, queueCapacity, timeouts,
                errors, restart, maxRecordsPerSecond, commitIntervalMillis, path, newParallelism);
    }

    /** Whether {@code parallelism} was set, rather than picked from the cores. */
    public boolean parallelismExplicit() {
        return parallelism != AUTO_PARALLELISM;
    }
}
