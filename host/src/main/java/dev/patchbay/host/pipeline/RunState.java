package dev.patchbay.host.pipeline;

/**
 * Where one attempt of a pipeline is in its life. Every stage loop reads it once per chunk or batch.
 *
 * <pre>
 *  STARTING --all stages created--> RUNNING --source at its end--> DRAINING --sink done--> ENDED
 *      |                               |                               |
 *      +--------- requestStop ---------+---------> STOPPING -----------+--> ENDED
 *      +--- failure, deadline or forced stop (from any state) --> ABORTING --> ENDED
 * </pre>
 *
 * <p>STOPPING drains what is in flight and commits it; ABORTING commits nothing more and wakes every
 * thread. ENDED carries an {@link Outcome}.
 */
enum RunState {
    STARTING, RUNNING, DRAINING, STOPPING, ABORTING, ENDED;

    /** How an ended attempt ended. */
    enum Outcome {
        /** The source reached its end and everything was written and committed. */
        COMPLETED,
        /** A graceful stop drained and committed everything in flight. */
        STOPPED,
        /** A stage failed; the failure names it. */
        FAILED,
        /** A forced stop ended it; what was in flight is not committed. */
        ABORTED
    }

    /** Whether records may still be written and positions committed. */
    boolean committing() {
        return this == RUNNING || this == DRAINING || this == STOPPING || this == STARTING;
    }
}
