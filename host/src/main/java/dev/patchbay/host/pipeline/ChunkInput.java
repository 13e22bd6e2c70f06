package dev.patchbay.host.pipeline;

import java.util.concurrent.TimeUnit;

/**
 * Where a stage thread takes its chunks from: a {@link RecordQueue}, or the {@link OrderedMerge} of the
 * processor workers' queues.
 */
interface ChunkInput {

    /**
     * Takes the next chunk, waiting up to the timeout.
     *
     * @return the chunk, {@link Chunk#END} once the stream has ended, or null when the timeout passed
     * @throws RecordQueue.AbortedException if the pipeline was aborted
     */
    Chunk poll(long timeout, TimeUnit unit) throws InterruptedException;
}
