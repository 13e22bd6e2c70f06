package dev.patchbay.host.pipeline;

import dev.patchbay.host.config.Timeouts;
import dev.patchbay.host.plugin.ClassOrigins;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The one seam through which the runtime calls a stage's plugin code: settings, create, poll, position,
 * process, write, flush and close all pass through {@link #call}. It is the only place that enters the
 * plugin's scope (context class loader, MDC plugin and stage), catches what the plugin throws, and marks the
 * call for the {@link Watchdog}.
 *
 * <p>What a call can end in:
 * <ul>
 *   <li>a return: the result, unless the stage was fenced by a passed deadline or the thread came back
 *       interrupted by something other than the host, which fails the stage naming this plugin;</li>
 *   <li>a throw while the pipeline is aborting: the stage was a bystander of another stage's failure or of
 *       a forced stop, reported as aborted ({@link RecordQueue.AbortedException}), never as failed;</li>
 *   <li>any other throw: a {@link StageFailure} naming the pipeline, stage, plugin and call; a
 *       {@link VirtualMachineError} other than a stack overflow makes it fatal.</li>
 * </ul>
 *
 * <p>Cost: two volatile writes of one field per call (a call is a chunk, a batch or a poll, never a record)
 * and no clock read; the watchdog measures time by seeing the same call on two of its ticks. Only with a
 * {@link CallObserver} other than {@link CallObserver#NOOP} are the poll, process, write and flush calls timed,
 * with two clock reads per call (two more when a poll waits for room in the queue).
 *
 * <p>Thread confinement: {@link #call} runs only on the stage's own thread; {@link #check} only on the
 * watchdog thread; the fields they share are volatile.
 */
final class StageCall {

    /** The calls into plugin code, each with the deadline that bounds it. */
    enum Kind {
        SETTINGS("settings()"), CREATE("create()"), POLL("poll()"), POSITION("position()"), PROCESS("process()"),
        WRITE("write()"), FLUSH("flush()"), CLOSE("close()");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }

        long deadlineMillis(Timeouts timeouts) {
            return switch (this) {
                case SETTINGS, CREATE -> timeouts.createMillis();
                case CLOSE -> timeouts.closeMillis();
                default -> timeouts.callMillis();
            };
        }

        String key() {
            return switch (this) {
                case SETTINGS, CREATE -> "createMillis";
                case CLOSE -> "closeMillis";
                default -> "callMillis";
            };
        }

        /** Whether a {@link CallObserver} is told of calls of this kind: the ones per chunk or batch. */
        boolean observed() {
            return this == POLL || this == PROCESS || this == WRITE || this == FLUSH;
        }

        /** The call's name for the observer, such as {@code poll}. */
        String callName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Plugin code with up to two arguments; a non-capturing lambda, so a call allocates nothing. */
    @FunctionalInterface
    interface Body<A, B, R> {
        R run(A first, B second) throws Exception;
    }

    /** What an operator can do about plugin code that threw or broke the api's contract. */
    static final String REPORT = "report it to the plugin's provider with the stack trace from the log, or stop "
            + "using the plugin until it is fixed";
    private static final String RETRY = "; a failure that passes (a network or disk error) is retried with "
            + "\"restart\": {\"policy\": \"on-failure\"}";
    /** An I/O error names what failed (the files plugin's say which file and how to fix it); it is no defect. */
    private static final String FIX_IO = "fix what the message names and run again: the pipeline resumes from its "
            + "checkpoint" + RETRY;
    private static final String CHECK_SETTINGS = "check the stage's settings and what they refer to; if they are "
            + "right, " + REPORT;

    private static final Kind[] KINDS = Kind.values();
    private static final int KIND_BITS = 4;

    private final StageGuard guard;
    private final String pluginVersion;
    private final Timeouts timeouts;
    private final RunControl control;
    private final Thread thread;
    private final CallTimer timer;
    private final ClassOrigins origins;

    // serial << KIND_BITS | kind + 1 while a call runs, 0 between calls; written by the stage thread only.
    private volatile long slot;
    private long serial;
    private volatile boolean fenced;

    // Written by the watchdog only; volatile because a forced stop reads them for its report.
    private volatile long seenSlot;
    private volatile long seenSinceNanos;
    // Watchdog-confined.
    private boolean overdue;
    private long interruptedAtNanos;
    private boolean abandoned;

    StageCall(StageGuard guard, String pluginVersion, Timeouts timeouts, RunControl control, Thread thread) {
        this(guard, pluginVersion, timeouts, control, thread, CallObserver.NOOP);
    }

    StageCall(StageGuard guard, String pluginVersion, Timeouts timeouts, RunControl control, Thread thread,
            CallObserver observer) {
        this(guard, pluginVersion, timeouts, control, thread, observer, ClassOrigins.NONE);
    }

    /**
     * @param origins explains a class-loading failure of the plugin by the loaders and files involved; its sentence
     *        replaces the generic fix of such a failure
     */
    StageCall(StageGuard guard, String pluginVersion, Timeouts timeouts, RunControl control, Thread thread,
            CallObserver observer, ClassOrigins origins) {
        this.origins = Objects.requireNonNull(origins, "origins");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.pluginVersion = Objects.requireNonNull(pluginVersion, "pluginVersion");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        this.control = Objects.requireNonNull(control, "control");
        this.thread = Objects.requireNonNull(thread, "thread");
        this.timer = new CallTimer(guard, observer);
    }

    /**
     * Calls plugin code inside the plugin's scope.
     *
     * @throws StageFailure if the plugin threw, overran its deadline, or left its thread interrupted
     * @throws RecordQueue.AbortedException if the pipeline is aborting: the call's outcome no longer counts
     */
    <A, B, R> R call(Kind kind, Body<A, B, R> body, A first, B second) {
        Throwable thrown = null;
        R result = null;
        timer.begin(kind);
        StageGuard.Entered entered = guard.enter();
        slot = (++serial << KIND_BITS) | (kind.ordinal() + 1);
        try {
            result = body.run(first, second);
        } catch (Throwable caught) {
            thrown = caught;
        } finally {
            slot = 0;
            guard.exit(entered);
        }
        timer.end();
        if (thrown != null) {
            throw translate(kind, thrown);
        }
        if (fenced) {
            throw new RecordQueue.AbortedException();
        }
        if (Thread.interrupted()) {
            if (control.aborting()) {
                throw new RecordQueue.AbortedException();
            }
            throw failure(kind.label() + " returned with its thread's interrupt flag set, but the host did not "
                    + "interrupt it (an interrupt raised or restored inside the plugin is not a way to stop a "
                    + "stage; fix the plugin to return, or throw, instead)", null);
        }
        return result;
    }

    /**
     * Stops the watch while the stage thread waits in host code inside a call (a source's emit blocked on a
     * full queue, or waiting out the rate limit), so that back-pressure is not taken for a stuck plugin.
     *
     * @return what {@link #resume} needs
     */
    long pause() {
        long current = slot;
        slot = 0;
        timer.pause();
        return current;
    }

    /** Restarts the watch paused by {@link #pause}, as a new call of the same kind. */
    void resume(long paused) {
        timer.resume();
        if (paused != 0) {
            slot = (++serial << KIND_BITS) | (paused & ((1 << KIND_BITS) - 1));
        }
    }

    private RuntimeException translate(Kind kind, Throwable thrown) {
        if (thrown instanceof VirtualMachineError && !(thrown instanceof StackOverflowError)) {
            control.releaseReserve();
        }
        if (thrown instanceof StageFailure failure) {
            // Raised by host code inside the call (a record rejected past the failure budget).
            return failure;
        }
        if (fenced || control.aborting()) {
            // Interrupted or woken by the abort of another stage or a forced stop: a consequence, not a cause.
            Thread.interrupted();
            return new RecordQueue.AbortedException();
        }
        if (thrown instanceof RecordQueue.AbortedException) {
            // Queues abort only when the run aborts, so this is an interrupt the host did not send, met while the
            // source's emit waited for room.
            Thread.interrupted();
            return failure("was interrupted in " + kind.label() + " although the host did not interrupt it", thrown,
                    REPORT);
        }
        if (thrown instanceof VirtualMachineError error && !(thrown instanceof StackOverflowError)) {
            return new StageFailure(guard.pipeline(), guard.stage(), guard.use(), guard.pluginId(), pluginVersion,
                    "hit a fatal JVM error in " + kind.label() + "; the JVM's state is unknown, so Patchbay stops "
                            + "every pipeline and exits with code 3 (restart the process; if it recurs, disable "
                            + "the plugin or give the JVM more memory)", error, true);
        }
        boolean interrupted = Thread.interrupted() || thrown instanceof InterruptedException
                || thrown instanceof InterruptedIOException || thrown instanceof ClosedByInterruptException;
        String what = interrupted ? "was interrupted in " + kind.label() + " although the host did not interrupt it"
                : kind == Kind.CREATE ? "could not be created" : "failed in " + kind.label();
        boolean io = kind == Kind.POLL || kind == Kind.WRITE || kind == Kind.FLUSH;
        String fix = interrupted ? REPORT : kind == Kind.CREATE ? CHECK_SETTINGS
                : io && thrown instanceof IOException ? FIX_IO : io ? REPORT + RETRY : REPORT;
        return failure(what, thrown, fix);
    }

    /** Which loaders and files a cast or linkage failure involves, with the fix; empty for any other failure. */
    private Optional<String> classLoading(Throwable thrown) {
        try {
            return origins.explain(thrown, guard.pluginId(), pluginVersion);
        } catch (RuntimeException e) {
            // The explanation only improves the message; the plugin's failure is what must be reported.
            thrown.addSuppressed(e);
            return Optional.empty();
        }
    }

    /** A failure of this stage, naming its plugin and version; {@code what} says what to do about it. */
    StageFailure failure(String what, Throwable cause) {
        return failure(what, cause, "");
    }

    /**
     * A failure of this stage, naming its plugin and version, with what to do about it after the cause. A cause that
     * is a class-loading failure (a cast between two loaders, a linkage error) gets its explanation instead of the
     * fix: it is neither bad input nor anything the generic advice would mend.
     */
    StageFailure failure(String what, Throwable cause, String fix) {
        String advice = cause == null ? fix : classLoading(cause).orElse(fix);
        return new StageFailure(guard.pipeline(), guard.stage(), guard.use(), guard.pluginId(), pluginVersion, what,
                cause, advice, false);
    }

    // ---------------------------------------------------------------- watchdog side

    /**
     * One watchdog tick: a call seen in progress on two ticks has run at least the time between them. The
     * first tick past the deadline fails the pipeline, fences the stage and interrupts its thread once; a
     * call still running {@code closeMillis} after that is abandoned.
     *
     * @return true the one time the call is abandoned
     */
    boolean check(long nowNanos) {
        long current = slot;
        if (current == 0 || current != seenSlot) {
            seenSlot = current;
            seenSinceNanos = nowNanos;
            return false;
        }
        long elapsed = nowNanos - seenSinceNanos;
        Kind kind = KINDS[(int) (current & ((1 << KIND_BITS) - 1)) - 1];
        if (!overdue && elapsed > TimeUnit.MILLISECONDS.toNanos(kind.deadlineMillis(timeouts))) {
            overdue = true;
            fenced = true;
            control.fail(deadlineFailure(kind, elapsed));
            interruptedAtNanos = nowNanos;
            thread.interrupt();
            return false;
        }
        if (overdue && !abandoned
                && nowNanos - interruptedAtNanos > TimeUnit.MILLISECONDS.toNanos(timeouts.closeMillis())) {
            abandoned = true;
            return true;
        }
        return false;
    }

    private StageFailure deadlineFailure(Kind kind, long elapsedNanos) {
        StuckCall stuck = new StuckCall(thread, kind, elapsedNanos);
        return failure("did not return from " + kind.label() + " within timeouts." + kind.key() + " "
                + kind.deadlineMillis(timeouts) + " ms (running for " + TimeUnit.NANOSECONDS.toMillis(elapsedNanos)
                + " ms on thread " + thread.getName() + ", stack in the cause); the thread was interrupted and the "
                + "stage fenced: its late output is discarded. Fix the plugin, or raise timeouts." + kind.key(),
                stuck);
    }

    /** The call in progress now and for how long the watchdog has seen it, if any; for forced-stop reports. */
    Optional<String> inProgress(long nowNanos) {
        long current = slot;
        if (current == 0) {
            return Optional.empty();
        }
        Kind kind = KINDS[(int) (current & ((1 << KIND_BITS) - 1)) - 1];
        long since = current == seenSlot ? nowNanos - seenSinceNanos : 0;
        return Optional.of("stage " + guard.stage() + " (" + guard.use() + ", plugin '" + guard.pluginId() + "' "
                + pluginVersion + ") was inside " + kind.label() + " for at least "
                + TimeUnit.NANOSECONDS.toMillis(since) + " ms on thread " + thread.getName());
    }

    /** Whether a call is running on the stage thread now. */
    boolean inCall() {
        return slot != 0;
    }

    Thread thread() {
        return thread;
    }

    StageGuard guard() {
        return guard;
    }

    String pluginVersion() {
        return pluginVersion;
    }

    /** The stack of a call that overran its deadline, as the watchdog saw it; the cause of the failure. */
    static final class StuckCall extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StuckCall(Thread thread, Kind kind, long elapsedNanos) {
            super("thread " + thread.getName() + " inside " + kind.label() + " for "
                    + TimeUnit.NANOSECONDS.toMillis(elapsedNanos) + " ms", null, false, true);
            setStackTrace(thread.getStackTrace());
        }
    }
}
