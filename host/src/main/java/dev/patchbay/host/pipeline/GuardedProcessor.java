package dev.patchbay.host.pipeline;

import dev.patchbay.api.Processor;
import dev.patchbay.api.Row;
import dev.patchbay.host.plugin.PluginScope;
import java.util.Objects;

/**
 * A processor as the runtime calls it: once per chunk it enters the plugin's scope (context class
 * loader, MDC plugin and stage), calls {@link Processor#process} for every record of the chunk,
 * publishes the stage's counters and leaves the scope. A throwable from the plugin becomes a
 * {@link StageFailure} naming the pipeline, stage and plugin.
 *
 * <p>Per record this adds one interface call and two counter increments on locals; nothing is
 * allocated except what the processor itself allocates. Confined to the pipeline's process thread.
 */
public final class GuardedProcessor {

    private final StageGuard guard;
    private final Processor processor;
    private final StageMetrics metrics;

    /**
     * Wraps a processor created by a plugin.
     *
     * @param pipeline the pipeline name
     * @param stage the stage's place, such as {@code processors[0]}
     * @param use the extension reference, such as {@code transforms/filter}
     * @param scope the plugin's scope
     * @param processor the processor
     * @param metrics the stage's counters
     */
    public GuardedProcessor(String pipeline, String stage, String use, PluginScope scope, Processor processor,
            StageMetrics metrics) {
        this(new StageGuard(pipeline, stage, use, scope), processor, metrics);
    }

    GuardedProcessor(StageGuard guard, Processor processor, StageMetrics metrics) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.processor = Objects.requireNonNull(processor, "processor");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Processes {@code count} records of {@code in}, appending what the processor emits to {@code out}.
     *
     * @throws StageFailure if the processor throws
     */
    public void apply(Row[] in, int count, RecordBuffer out) {
        int before = out.size();
        int done = 0;
        StageGuard.Entered entered = guard.enter();
        try {
            for (; done < count; done++) {
                processor.process(in[done], out);
            }
        } catch (Exception | LinkageError | StackOverflowError thrown) {
            metrics.add(done + 1, out.size() - before);
            metrics.fail(1);
            throw guard.failure("failed on its record " + (metrics.in()), thrown);
        } finally {
            guard.exit(entered);
        }
        metrics.add(count, out.size() - before);
    }

    /** Closes the processor inside its scope. */
    void close() {
        StageGuard.Entered entered = guard.enter();
        try {
            processor.close();
        } catch (Exception | LinkageError | StackOverflowError thrown) {
            throw guard.failure("failed to close", thrown);
        } finally {
            guard.exit(entered);
        }
    }

    StageMetrics metrics() {
        return metrics;
    }
}
