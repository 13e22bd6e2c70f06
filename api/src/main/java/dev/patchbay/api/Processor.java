package dev.patchbay.api;

/**
 * A middle stage of a pipeline: turns one record into zero or more.
 *
 * <p>The host calls a processor from one thread at a time, so it may keep state without locking.
 *
 * @since 1.0.0
 */
@FunctionalInterface
public interface Processor extends AutoCloseable {

    /**
     * Processes one record, emitting zero (to filter it out), one or several records.
     *
     * @param record the input record
     * @param out receives the output records
     * @throws ExtensionException if the record cannot be processed
     */
    void process(Row record, Emitter out);

    /** Releases the processor's resources. The default does nothing. */
    @Override
    default void close() {
    }
}
