package dev.patchbay.api;

import java.util.Objects;

/**
 * Receives the records a {@link Source} or a {@link Processor} produces.
 *
 * <p>The host supplies the emitter. It may block while the next stage is busy (backpressure), so
 * an extension must not hold locks that other threads need while it emits.
 *
 * @since 1.0.0
 */
@FunctionalInterface
public interface Emitter {

    /**
     * Passes one record downstream.
     *
     * @param record the record, never null
     */
    void emit(Row record);

    /**
     * Reports input the stage skipped, so that the host counts it and can write it to the pipeline's
     * dead-letter stage. Call it where the record would have been emitted, so that the host orders it
     * with the records around it; a processor calls it while processing the record it rejects.
     *
     * <p>The default does nothing, for emitters that keep no account of rejections, such as a lambda in a
     * test. The host's emitters always record them.
     *
     * @param rejection what was skipped, where, and why
     * @since 1.1.0
     */
    default void reject(Rejection rejection) {
        Objects.requireNonNull(rejection, "rejection");
    }
}
