package dev.patchbay.host.pipeline;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns stop signals into runtime actions: the first signal asks for a graceful stop and starts the
 * grace period; a second signal, or the grace period running out, forces the stop.
 *
 * <p>Once the run has ended ({@link #ended}), its exit code is decided and no signal changes it: a later
 * signal is only acknowledged. A signal that arrives after the summary was printed used to force the stop, or,
 * once the handlers were restored, reach the JVM's own handler and exit with 130.
 *
 * <p>Thread-safety: {@link #onSignal} is called from signal-handler threads; the state is one atomic counter
 * ({@link #ENDED} once the run has ended), so a signal is counted exactly once, before or after the end, and
 * the grace timer is started at most once.
 */
public final class StopController {

    private final PipelineRuntime runtime;
    private final Duration grace;
    private final PrintWriter err;
    /** The value of {@link #signals} once the run has ended. */
    private static final int ENDED = -1;

    private final AtomicInteger signals = new AtomicInteger();
    private volatile int exitCode;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicBoolean acknowledged = new AtomicBoolean();
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
     * Stops gracefully because an operator asked for it (such as {@code POST /shutdown}), with the same grace
     * period as a signal; counts as the first signal, so a signal after it forces the stop.
     *
     * @param reason such as {@code shutdown requested through the admin API}
     */
    public void onRequest(String reason) {
        stop(reason, null);
    }

    /**
     * Stops gracefully because the JVM's state is unknown (a fatal error in a pipeline), with the same grace
     * period as a signal, so that the host never hangs on it; counts as the first signal.
     */
    public void onFatal(String reason) {
        stop(reason, null);
    }

    /**
     * Records that the run has ended with the given exit code; from now on a signal is acknowledged once on
     * standard error and changes nothing. Call it as soon as the summary, and with it the exit code, is known.
     */
    public void ended(int code) {
        exitCode = code;
        signals.set(ENDED);
    }

    private void stop(String why, String signal) {
        int count = signals.updateAndGet(n -> n == ENDED ? ENDED : n + 1);
        if (count == ENDED) {
            if (signal != null && acknowledged.compareAndSet(false, true)) {
                err.println("patchbay: received " + signal + " after the run ended; it exits with code " + exitCode
                        + " as reported");
                err.flush();
            }
            return;
        }
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
