package dev.patchbay.api;

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
}
