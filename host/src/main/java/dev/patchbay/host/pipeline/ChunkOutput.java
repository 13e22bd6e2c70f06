package dev.patchbay.host.pipeline;

/**
 * Where a stage thread hands its chunks to: a {@link RecordQueue}, or the {@link RoundRobin} over the
 * processor workers' input queues.
 */
interface ChunkOutput {

    /**
     * Hands a chunk on, waiting while there is no room (backpressure).
     *
     * @throws RecordQueue.AbortedException if the pipeline was aborted
     */
    void put(Chunk chunk) throws InterruptedException;

    /** Marks the end of the stream. */
    void close();
}
