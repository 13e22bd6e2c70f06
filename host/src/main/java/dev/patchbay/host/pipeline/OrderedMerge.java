package dev.patchbay.host.pipeline;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The sink's input when the processors run on several workers: reads the workers' output queues in the turn
 * in which {@link RoundRobin} dealt the source's chunks, so that the sink sees the records in source order.
 *
 * <p>Each worker emits exactly one group of chunks per input chunk, the last one marked
 * {@link Chunk#endsGroup()}; the merge moves to the next worker after a group's last chunk. Group {@code k} is
 * therefore the output of source chunk {@code k}, and no reorder buffer is needed. A group's chunks that carry
 * nothing (no record, position, dead letter or flush request) only mark its end and are not passed on.
 *
 * <p>When the worker whose turn it is ends its stream, the source dealt it no further chunk, so it dealt none
 * to any worker after it either: the merged stream has ended.
 *
 * <p>Confined to the sink thread, its one consumer.
 */
final class OrderedMerge implements ChunkInput {

    private final List<RecordQueue> queues;
    private int turn;
    private boolean ended;

    OrderedMerge(List<RecordQueue> queues) {
        if (queues.isEmpty()) {
            throw new IllegalArgumentException("a merge needs at least one queue");
        }
        this.queues = List.copyOf(queues);
    }

    @Override
    public Chunk poll(long timeout, TimeUnit unit) throws InterruptedException {
        if (ended) {
            return Chunk.END;
        }
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (true) {
            Chunk chunk = queues.get(turn).poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (chunk == null) {
                return null;
            }
            if (chunk == Chunk.END) {
                ended = true;
                return Chunk.END;
            }
            if (chunk.endsGroup()) {
                turn = turn + 1 == queues.size() ? 0 : turn + 1;
            }
            if (chunk.size() > 0 || chunk.position() != null || !chunk.deadLetters().isEmpty()
                    || chunk.flushRequest() != null) {
                return chunk;
            }
        }
    }
}
