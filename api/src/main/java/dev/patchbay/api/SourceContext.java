package dev.patchbay.api;

import java.util.Optional;

/**
 * The context handed to a {@link SourceFactory}: an {@link ExtensionContext} plus the position the
 * source must resume from.
 *
 * @since 1.0.0
 */
public interface SourceContext extends ExtensionContext {

    /**
     * Returns the last committed position of this stage, from which the new source must continue. The
     * source must emit the records after that position; records at or before it were delivered.
     *
     * @return the position, or empty on a first run
     */
    Optional<Position> resumeFrom();
}
