package dev.patchbay.host.pipeline;

import java.util.Objects;

/**
 * Times a stage's observed calls (poll, process, write, flush) for its {@link CallObserver}, less the time the call
 * spent paused in host code (a source's emit waiting for room in the queue, or for the rate limit). With
 * {@link CallObserver#NOOP} no site exists, so nothing is timed and no clock is read.
 *
 * <p>Confined to the stage's own thread, as its {@link StageCall} is.
 */
final class CallTimer {

    private final CallObserver observer;
    // Indexed by StageCall.Kind ordinal; null for kinds not observed, and all null with the NOOP observer.
    private final CallObserver.Site[] sites;
    private CallObserver.Site current;
    private long beganNanos;
    private long pausedAtNanos;
    private long pausedNanos;

    CallTimer(StageGuard guard, CallObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        StageCall.Kind[] kinds = StageCall.Kind.values();
        this.sites = new CallObserver.Site[kinds.length];
        if (observer != CallObserver.NOOP) {
            for (StageCall.Kind kind : kinds) {
                if (kind.observed()) {
                    sites[kind.ordinal()] = new CallObserver.Site(guard.pipeline(), guard.stage(), guard.pluginId(),
                            kind.callName());
                }
            }
        }
    }

    /** A call of this kind begins. */
    void begin(StageCall.Kind kind) {
        CallObserver.Site site = sites[kind.ordinal()];
        if (site != null) {
            current = site;
            pausedNanos = 0;
            beganNanos = System.nanoTime();
        }
    }

    /** The call that began last has returned or thrown: the observer is told. */
    void end() {
        CallObserver.Site site = current;
        if (site != null) {
            current = null;
            observer.observe(site, System.nanoTime() - beganNanos - pausedNanos);
        }
    }

    /** The call waits in host code from now on. */
    void pause() {
        if (current != null) {
            pausedAtNanos = System.nanoTime();
        }
    }

    /** The wait that {@link #pause} began is over. */
    void resume() {
        if (current != null) {
            pausedNanos += System.nanoTime() - pausedAtNanos;
        }
    }
}
