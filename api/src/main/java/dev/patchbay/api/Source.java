package dev.patchbay.api;

import java.io.Closeable;
import java.io.IOException;

/**
 * The first stage of a pipeline: produces records and reports its position.
 *
 * <p>The host calls a source from one thread at a time. It calls {@link #poll} repeatedly; after each
 * call it reads {@link #position()} and persists it once every record emitted so far has been written
 * and flushed by the sink.
 *
 * @since 1.0.0
 */
public interface Source extends Closeable {

    /**
     * Emits the next records, typically a few hundred, and says whether more may follow. A poll should
     * return within about 100 milliseconds even when no data is available, so that the host can stop
     * the pipeline promptly.
     *
     * @param out receives the records
     * @return {@link Poll#MORE} to be called again at once, {@link Poll#IDLE} when nothing is available
     *         yet, {@link Poll#END} when the input is exhausted
     * @throws IOException if the input cannot be read
     * @throws ExtensionException for malformed input the source's error policy does not skip
     */
    Poll poll(Emitter out) throws IOException;

    /**
     * Returns the position just after the last record emitted. Resuming from it, through
     * {@link SourceContext#resumeFrom()}, must produce exactly the records not yet emitted.
     *
     * @return the position
     */
    Position position();

    /**
     * What a {@link #poll} call found.
     *
     * @since 1.0.0
     */
    enum Poll {
        /** More records are available at once. */
        MORE,
        /** No records are available now; a continuous source may have more later. */
        IDLE,
        /** The input is exhausted; the host will not poll again. */
        END
    }

    /**
     * Releases the source's resources. The default does nothing.
     *
     * @throws IOException if releasing fails
     */
    @Override
    default void close() throws IOException {
    }
}
