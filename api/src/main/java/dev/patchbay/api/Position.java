package dev.patchbay.api;

import java.util.Objects;

/**
 * An opaque position in a source's input, such as a byte offset or a line number, that the host
 * persists as a checkpoint and hands back to the source on restart.
 *
 * <p>The source alone gives the value its meaning. It must be able to resume from any position it
 * has reported, so that delivery is at-least-once: the host persists a position only after every
 * record emitted before it has been written and flushed by the sink.
 *
 * @param value the source-specific encoding of the position, for example {@code "offset=4096"};
 *              may be empty but not null
 * @since 1.0.0
 */
public record Position(String value) {

    /**
     * Validates the value.
     *
     * @param value the source-specific encoding of the position
     * @throws NullPointerException if value is null
     */
    public Position {
        Objects.requireNonNull(value, "value");
    }
}
