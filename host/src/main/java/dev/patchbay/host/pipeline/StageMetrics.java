package dev.patchbay.host.pipeline;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one stage: records in, records out, records failed, input the plugin skipped (reported
 * through {@code Emitter.reject}), the plugin's own named counters ({@code ExtensionContext.count}) and its status values
 * ({@code ExtensionContext.status}).
 *
 * <p>Guarding: in, out, failed and skipped are written under this object's lock and read as volatiles. The
 * writers are the stage's own thread, or, for a processor stage whose chain runs on several workers, each
 * worker's thread (one row per stage, the workers' counts added up). Writers publish once per chunk, so the
 * lock is taken once per chunk and is uncontended but for workers finishing a chunk at the same moment;
 * readers (the progress printer, the summary) on other threads take no lock and see values at most one chunk
 * old, never a torn value. The named counters may be bumped from any thread the plugin likes, so they are
 * adders in a concurrent map.
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
    private final Map<String, String> statuses = new ConcurrentHashMap<>();

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

    /** Adds to the counters; called by the stage's thread or threads, once per chunk or batch. */
    public synchronized void add(long moreIn, long moreOut) {
        in = in + moreIn;
        out = out + moreOut;
    }

    /** Counts records lost to a failure; called by the stage's thread or threads. */
    public synchronized void fail(long records) {
        failed = failed + records;
    }

    /** Counts input the plugin reported skipping; called by the stage's thread or threads. */
    synchronized void skip() {
        skipped = skipped + 1;
    }

    /** Adds to one of the plugin's named counters; any thread, name and amount already checked. */
    void count(String counter, long amount) {
        counters.computeIfAbsent(counter, unused -> new LongAdder()).add(amount);
    }

    /** Sets one of the plugin's status values; any thread, name and value already checked. */
    void status(String name, String value) {
        statuses.put(name, value);
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

    /** The plugin's status values, by name, as last set. */
    public Map<String, String> statuses() {
        return new TreeMap<>(statuses);
    }
}
