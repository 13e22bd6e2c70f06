package dev.patchbay.api;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * The last stage of a pipeline: writes batches of records and makes them durable on flush.
 *
 * <p>The host calls a sink from one thread at a time. It commits source checkpoints only after
 * {@link #flush()} returns, so a sink must not report success for records that a crash could lose.
 *
 * @since 1.0.0
 */
public interface Sink extends Closeable {

    /**
     * Writes a batch of records. They need not be durable until {@link #flush()}.
     *
     * @param batch the records, in order, never empty; the list is only valid during the call
     * @throws IOException if writing fails
     */
    void write(List<Row> batch) throws IOException;

    /**
     * Makes every record written so far durable, for example by forcing a file to disk.
     *
     * @throws IOException if flushing fails
     */
    void flush() throws IOException;

    /**
     * Releases the sink's resources. The host flushes before closing. The default does nothing.
     *
     * @throws IOException if releasing fails
     */
    @Override
    default void close() throws IOException {
    }
}
