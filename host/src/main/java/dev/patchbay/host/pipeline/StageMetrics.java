package dev.patchbay.host.pipeline;

import java.util.Objects;

/**
 * The counters of one stage: records in, records out and records failed.
 *
 * <p>Guarding: each stage's counters have a single writer, the stage's own thread (the process thread
 * for every processor of a pipeline), which accumulates locally and publishes once per chunk with a
 * volatile write. Readers (the progress printer, the summary) on other threads therefore see values at
 * most one chunk old and never a torn value, and the hot path pays no atomic operation per record.
 */
public final class StageMetrics {

    private final String stage;
    private final String use;
    private final String pluginId;
    private volatile long in;
    private volatile long out;
    private volatile long failed;

    public StageMetrics(String stage, String use, String pluginId) {
        this.stage = Objects.requireNonNull(stage, "stage");
        this.use = Objects.requireNonNull(use, "use");
        this.pluginId = Objects.requireNonNull(pluginId, "pluginId");
    }

    /** The stage's place in its pipeline: {@code source}, {@code processors[0]}, {@code sink}. */
    public String stage() {
        return stage;
    }

    /** The extension reference, {@code plugin-id/extension-name}. */
    public String use() {
        return use;
    }

    public String pluginId() {
        return pluginId;
    }

    /** Adds to the counters; called only by the stage's own thread. */
    public void add(long moreIn, long moreOut) {
        // Single writer: a read-modify-write of a volatile is safe without atomics.
        in = in + moreIn;
        out = out + moreOut;
    }

    /** Counts records lost to a failure; called only by the stage's own thread. */
    public void fail(long records) {
        failed = failed + records;
    }

    public long in() {
        return in;
    }

    public long out() {
        return out;
    }

    /** Records a processor took in and did not pass on; zero when it emitted as many or more. */
    public long filtered() {
        long i = in;
        long o = out;
        return o < i ? i - o : 0;
    }

    public long failed() {
        return failed;
    }
}
