package dev.patchbay.host.pipeline;

import java.util.List;

/**
 * Deals the source's chunks to the processor workers' input queues in turn: chunk {@code k} goes to worker
 * {@code k mod n}. The {@link OrderedMerge} reads the workers' outputs in the same turn, which is what keeps
 * the records in order at the sink.
 *
 * <p>Confined to the source thread, its one producer.
 */
final class RoundRobin implements ChunkOutput {

    private final List<RecordQueue> queues;
    private int next;

    RoundRobin(List<RecordQueue> queues) {
        if (queues.isEmpty()) {
            throw new IllegalArgumentException("a round robin needs at least one queue");
        }
        this.queues = List.copyOf(queues);
    }

    @Override
    public void put(Chunk chunk) throws InterruptedException {
        queues.get(next).put(chunk);
        next = next + 1 == queues.size() ? 0 : next + 1;
    }

    /** Closes every worker's input: each drains what it was dealt, then ends. */
    @Override
    public void close() {
        queues.forEach(RecordQueue::close);
    }
}
