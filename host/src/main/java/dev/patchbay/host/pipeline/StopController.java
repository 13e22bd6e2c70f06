package dev.patchbay.host.pipeline;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns stop signals into runtime actions: the first signal asks for a graceful stop and starts the
 * grace period; a second signal, or the grace period running out, forces the stop.
 *
 * <p>Thread-safety: {@link #onSignal} is called from signal-handler threads; the signal count is atomic
 * and the grace timer is started exactly once.
 */
public final class StopController {

    private final PipelineRuntime runtime;
    private final Duration grace;
    private final PrintWriter err;
    private final AtomicInteger signals = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Thread timer;

    public StopController(PipelineRuntime runtime, Duration grace, PrintWriter err) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.grace = Objects.requireNonNull(grace, "grace");
        this.err = Objects.requireNonNull(err, "err");
    }

    /** Handles one stop signal, such as {@code SIGTERM}. */
    public void onSignal(String signal) {
        stop("received " + signal, signal);
    }

    /**
     * Stops gracefully because the JVM's state is unknown (a fatal error in a pipeline), with the same grace
     * period as a signal, so that the host never hangs on it; counts as the first signal.
     */
    public void onFatal(String reason) {
        stop(reason, null);
    }

    private void stop(String why, String signal) {
        int count = signals.incrementAndGet();
        if (count == 1) {
            err.println("patchbay: " + why + ", stopping gracefully: sources stop, in-flight records "
                    + "are written and committed (at most " + grace.toSeconds() + " s; a second signal forces the exit)");
            err.flush();
            runtime.requestStop();
            Thread thread = new Thread(this::awaitGrace, "patchbay-stop-grace");
            thread.setDaemon(true);
            timer = thread;
            thread.start();
        } else if (count == 2 && signal != null) {
            err.println("patchbay: received " + signal + " again, forcing the exit");
            err.flush();
            runtime.forceStop("a second signal (" + signal + ")");
        }
    }

    private void awaitGrace() {
        try {
            if (!closed.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                err.println("patchbay: the grace period of " + grace.toSeconds() + " s expired, forcing the exit");
                err.flush();
                runtime.forceStop("the grace period of " + grace.toSeconds() + " s expired");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the grace timer, if any; called once the run is over. */
    public void close() throws InterruptedException {
        closed.countDown();
        Thread thread = timer;
        if (thread != null) {
            thread.join();
        }
    }
}
