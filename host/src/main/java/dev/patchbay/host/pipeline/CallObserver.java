package dev.patchbay.host.pipeline;

import java.util.Objects;

/**
 * Told how long each hot call into plugin code took: a source's {@code poll()}, a processor's chunk (one
 * {@code process()} call per record, timed as one), a sink's {@code write()} and {@code flush()} of a batch. Never
 * per record. The metrics' call-latency histogram is one; {@link #NOOP} is the default, and with it the runtime
 * reads no clock for this.
 *
 * <p>Called on the stage's own thread right after the call returns or throws; an implementation must be quick,
 * thread-safe and must not throw.
 */
@FunctionalInterface
public interface CallObserver {

    /** Observes nothing; the runtime skips the timing altogether. */
    CallObserver NOOP = (site, nanos) -> {
    };

    /**
     * One call ended.
     *
     * @param site which stage and call; the same instance for every call of that stage and kind
     * @param nanos how long it ran, less the time a source's poll waited for room in the queue or for its rate
     *        limit
     */
    void observe(Site site, long nanos);

    /**
     * Where a call happens; immutable, made once per stage and kind of call.
     *
     * @param pipeline the pipeline name
     * @param stage {@code source}, {@code processors[i]}, {@code sink} or {@code errors.deadLetter}
     * @param plugin the plugin id
     * @param call {@code poll}, {@code process}, {@code write} or {@code flush}
     */
    record Site(String pipeline, String stage, String plugin, String call) {
        public Site {
            Objects.requireNonNull(pipeline, "pipeline");
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(plugin, "plugin");
            Objects.requireNonNull(call, "call");
        }
    }
}
