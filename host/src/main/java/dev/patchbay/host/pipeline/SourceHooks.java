package dev.patchbay.host.pipeline;

import dev.patchbay.api.Position;
import java.util.Optional;

/**
 * What a source's context asks of its run: {@code SourceContext.committed()} and {@code SourceContext.flush()}.
 * {@link SourceLoop} implements it for the source; other stages get {@link #NONE}.
 */
interface SourceHooks {

    /** For a processor or a sink: nothing is committed for it, and it cannot ask for a flush. */
    SourceHooks NONE = new SourceHooks() {
        @Override
        public Optional<Position> committed() {
            return Optional.empty();
        }

        @Override
        public Optional<Position> flush() {
            throw new IllegalStateException("flush() is for a source, inside its poll(); a processor or a sink "
                    + "cannot ask for one");
        }
    };

    /** The last committed position, or else the one the attempt resumed from. */
    Optional<Position> committed();

    /** Writes, flushes and commits what the source emitted so far; see {@code SourceContext.flush()}. */
    Optional<Position> flush();
}
