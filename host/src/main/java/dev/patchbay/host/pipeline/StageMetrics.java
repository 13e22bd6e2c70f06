package dev.patchbay.host.pipeline;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one stage: records in, records out, records failed, input the plugin skipped (reported
 * through {@code Emitter.reject}), and the plugin's own named counters ({@code ExtensionContext.count}).
 *
 * <p>Guarding: in, out, failed and skipped have a single writer, the stage's own thread (the process thread
 * for every processor of a pipeline), which accumulates locally and publishes once per chunk with a
 * volatile write. Readers (the progress printer, the summary) on other threads therefore see values at
 * most one chunk old and never a torn value, and the hot path pays no atomic operation per record. The
 * named counters may be bumped from any thread the plugin likes, so they are adders in a concurrent map.
 */
public final class StageMetrics {

    private final String stage;
    private final String use;
    private final String pluginId;
    private volatile long in;
    private volatile long out;
    private volatile long failed;
    private volatile long skipped;
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

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

    /** Counts input the plugin reported skipping; called only by the stage's own thread. */
    void skip() {
        skipped = skipped + 1;
    }

    /** Adds to one of the plugin's named counters; any thread, name and amount already checked. */
    void count(String counter, long amount) {
        counters.computeIfAbsent(counter, unused -> new LongAdder()).add(amount);
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

    /** Input the plugin skipped, by its own error policy, and reported. */
    public long skipped() {
        return skipped;
    }

    /** The plugin's named counters, by name. */
    public Map<String, Long> counters() {
        Map<String, Long> snapshot = new TreeMap<>();
        counters.forEach((name, adder) -> snapshot.put(name, adder.sum()));
        return snapshot;
    }
}
