package dev.patchbay.host.pipeline;

import dev.patchbay.api.Position;
import dev.patchbay.api.Processor;
import dev.patchbay.api.Rejection;
import dev.patchbay.api.Row;
import dev.patchbay.host.config.ErrorPolicy;
import dev.patchbay.host.config.Timeouts;
import dev.patchbay.host.plugin.PluginScope;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * A processor as the runtime calls it: one {@link StageCall} per chunk (one scope entry, one deadline watch),
 * inside which {@link Processor#process} runs for every record of the chunk, each in its own {@code try}, so
 * that exactly a rejected record goes to {@link RecordErrors} (and its partial output is dropped) while the
 * rest of the chunk goes on.
 *
 * <p>Per record this adds one interface call, a {@code try} that costs nothing unless it catches, and a read
 * of the output size; nothing is allocated except what the processor itself allocates. Confined to the
 * pipeline's process thread, or with several workers to its worker's thread: each worker wraps instances of
 * its own, and only the stage's counters and error policy are shared.
 */
public final class GuardedProcessor implements RecordBuffer.Rejections {

    private final StageCall call;
    private final Processor processor;
    private final StageMetrics metrics;
    private final RecordErrors errors;

    // The chunk being processed, set before each call so that its body is a non-capturing lambda.
    private Row[] in;
    private int count;
    private RecordBuffer out;
    private Position readAfter;
    private List<Row> deadLetters;
    private int done;
    private int current;

    /**
     * Wraps a processor outside any pipeline run, with the default timeouts and no error tolerance; for
     * benchmarks of the call path.
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
        this(new StageCall(new StageGuard(pipeline, stage, use, scope), "", Timeouts.DEFAULT,
                new RunControl(pipeline, List.of(), 0), Thread.currentThread()), processor, metrics,
                new RecordErrors(ErrorPolicy.DEFAULT, metrics, Clock.systemUTC()));
    }

    GuardedProcessor(StageCall call, Processor processor, StageMetrics metrics, RecordErrors errors) {
        this.call = Objects.requireNonNull(call, "call");
        this.processor = Objects.requireNonNull(processor, "processor");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    /**
     * Processes {@code count} records of {@code in}, appending what the processor emits to {@code out}.
     *
     * @throws StageFailure if the processor throws and errors are not tolerated
     */
    public void apply(Row[] in, int count, RecordBuffer out) {
        // Without tolerance a rejected record throws before any dead letter is added.
        apply(in, count, out, null, List.of());
    }

    /**
     * Processes a chunk.
     *
     * @param readAfter the source position the chunk's records were read after, for dead letters
     * @param deadLetters receives a dead letter for each record rejected under tolerance {@code all}
     */
    void apply(Row[] records, int size, RecordBuffer output, Position readAfter, List<Row> deadLetters) {
        int before = output.size();
        this.in = records;
        this.count = size;
        this.out = output;
        this.readAfter = readAfter;
        this.deadLetters = deadLetters;
        this.done = 0;
        output.rejectTo(this);
        try {
            call.call(StageCall.Kind.PROCESS, GuardedProcessor::processAll, this, (Void) null);
        } finally {
            output.rejectTo(null);
            metrics.add(done, output.size() - before);
            this.in = null;
            this.out = null;
        }
    }

    private static Void processAll(GuardedProcessor self, Void unused) {
        self.processAll();
        return null;
    }

    private void processAll() {
        Row[] records = in;
        RecordBuffer output = out;
        for (int i = 0; i < count; i++) {
            current = i;
            int mark = output.size();
            try {
                processor.process(records[i], output);
            } catch (Exception | LinkageError | StackOverflowError | AssertionError thrown) {
                done = i + 1;
                output.truncate(mark);
                Row dead = errors.reject(call, metrics, records[i], thrown, readAfter, metrics.in() + i + 1);
                if (dead != null) {
                    deadLetters.add(dead);
                }
            }
        }
        done = count;
    }

    /** A rejection reported while processing the current record: counted, and dead-lettered with that record. */
    @Override
    public void rejected(Rejection rejection) {
        Row dead = errors.skipped(call, metrics, in[current], rejection, readAfter);
        if (dead != null) {
            deadLetters.add(dead);
        }
    }

    /** Closes the processor through its seam. */
    void close(StagePlan plan) {
        plan.close(processor);
    }

    StageMetrics metrics() {
        return metrics;
    }
}
