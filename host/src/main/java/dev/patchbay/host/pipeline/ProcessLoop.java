package dev.patchbay.host.pipeline;

import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.Row;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A process thread of an attempt (only when there are processors): creates its own instances of the
 * processors in order, then runs every chunk through all of them and hands the result on; rejected records
 * travel on as dead letters with the chunk they came from.
 *
 * <p>With several workers ({@code grouped}), each worker emits exactly one group of chunks per input chunk,
 * even an empty one, and marks the group's last chunk, so that the {@link OrderedMerge} can restore the
 * source's order (design/CODE.md, "Parallel processors").
 */
final class ProcessLoop implements StageLoop {

    private static final long WAKE_UP_MILLIS = 100;

    private final List<StagePlan> plans;
    private final RunControl control;
    private final RecordErrors errors;
    private final RecordQueue in;
    private final RecordQueue out;
    private final StageLoggers loggers;
    private final Path home;
    private final int chunkCapacity;
    private final boolean grouped;
    private final List<GuardedProcessor> processors = new ArrayList<>();

    /**
     * @param plans this worker's plans, one per processor, whose seams are bound to this worker's thread
     * @param grouped whether to emit one marked group per input chunk, for an {@link OrderedMerge}
     */
    ProcessLoop(List<StagePlan> plans, RunControl control, RecordErrors errors, RecordQueue in, RecordQueue out,
            StageLoggers loggers, Path home, int chunkCapacity, boolean grouped) {
        this.plans = List.copyOf(plans);
        this.control = control;
        this.errors = errors;
        this.in = in;
        this.out = out;
        this.loggers = loggers;
        this.home = home;
        this.chunkCapacity = chunkCapacity;
        this.grouped = grouped;
    }

    @Override
    public void create() {
        for (StagePlan plan : plans) {
            if (control.aborting()) {
                return;
            }
            processors.add(new GuardedProcessor(plan.call(), plan.create((extension, settings, context) ->
                    ((ProcessorFactory) extension.factory()).create(settings, context), loggers, home,
                    Optional.empty()), plan.metrics(), errors));
        }
    }

    @Override
    public void run() throws InterruptedException {
        RecordBuffer[] buffers = new RecordBuffer[processors.size()];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = new RecordBuffer(chunkCapacity);
        }
        List<Row> deadLetters = new ArrayList<>();
        while (true) {
            Chunk chunk = in.poll(WAKE_UP_MILLIS, TimeUnit.MILLISECONDS);
            if (chunk == null) {
                continue;
            }
            if (chunk == Chunk.END) {
                out.close();
                return;
            }
            Row[] records = chunk.array();
            int count = chunk.size();
            deadLetters.clear();
            deadLetters.addAll(chunk.deadLetters());
            for (int i = 0; i < processors.size(); i++) {
                buffers[i].clear();
                processors.get(i).apply(records, count, buffers[i], chunk.readAfter(), deadLetters);
                records = buffers[i].array();
                count = buffers[i].size();
            }
            forward(records, count, chunk, deadLetters);
        }
    }

    /**
     * Hands processed records on in chunks; the last one carries the input chunk's position, dead letters and flush
     * request.
     */
    private void forward(Row[] records, int count, Chunk from, List<Row> deadLetters) throws InterruptedException {
        int offset = 0;
        do {
            int size = Math.min(chunkCapacity, count - offset);
            Chunk chunk = new Chunk(size);
            chunk.readAfter(from.readAfter());
            for (int i = 0; i < size; i++) {
                chunk.add(records[offset + i]);
            }
            offset += size;
            if (offset == count) {
                if (!grouped && from.position() == null && size == 0 && deadLetters.isEmpty()
                        && from.flushRequest() == null) {
                    return;
                }
                chunk.position(from.position(), from.sourceRecords());
                chunk.flushRequest(from.flushRequest());
                chunk.addDeadLetters(deadLetters);
                if (grouped) {
                    chunk.endGroup();
                }
            }
            out.put(chunk);
        } while (offset < count);
    }

    @Override
    public void close() {
        // Each processor is closed even when an earlier one fails to close; the first failure is reported.
        StageFailure first = null;
        for (int i = 0; i < processors.size(); i++) {
            try {
                processors.get(i).close(plans.get(i));
            } catch (StageFailure e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            } catch (RecordQueue.AbortedException e) {
                // Closing as a bystander of an abort: nothing to report.
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
