package dev.patchbay.host.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One plugin's start, run on a start thread and watched by the thread that called {@code start()}. Its deadline
 * counts from the moment a start thread begins it, not while it waits in the queue, so that a plugin is never
 * blamed for the time others took.
 *
 * <p>States: QUEUED, then RUNNING, then either FINISHED (the watcher takes the outcome) or ABANDONED (the
 * deadline passed first: the watcher interrupted the thread once and went on; when the thread comes back it
 * hands its outcome to {@code release}, since nobody will publish it). A QUEUED attempt given up is CANCELLED
 * and never runs. The state, thread and outcome are guarded by this object's monitor; {@code changed} is
 * called outside it.
 */
final class StartAttempt implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(StartAttempt.class);
    private static final int MAX_FRAMES = 8;

    private enum State { QUEUED, CANCELLED, RUNNING, FINISHED, ABANDONED }

    private final DiscoveredPlugin plugin;
    private final Supplier<PluginStart.Outcome> work;
    private final Consumer<PluginStart.Outcome> release;
    private final Runnable changed;

    private State state = State.QUEUED;
    private Thread thread;
    private long beganNanos;
    private boolean left;
    private PluginStart.Outcome outcome;
    private Throwable failure;

    /**
     * @param work starts the plugin; runs on the start thread
     * @param release frees what the work produced when it ends after being abandoned
     * @param changed told when the attempt begins and when it ends, to wake the watcher
     */
    StartAttempt(DiscoveredPlugin plugin, Supplier<PluginStart.Outcome> work, Consumer<PluginStart.Outcome> release,
            Runnable changed) {
        this.plugin = Objects.requireNonNull(plugin, "plugin");
        this.work = Objects.requireNonNull(work, "work");
        this.release = Objects.requireNonNull(release, "release");
        this.changed = Objects.requireNonNull(changed, "changed");
    }

    @Override
    @SuppressWarnings("try") // the MDC handle is used only for its close()
    public void run() {
        synchronized (this) {
            if (state == State.CANCELLED) {
                return;
            }
            thread = Thread.currentThread();
            beganNanos = System.nanoTime();
            state = State.RUNNING;
        }
        changed.run();
        PluginStart.Outcome result = null;
        Throwable error = null;
        try (PluginMdc ignored = new PluginMdc(plugin.id())) {
            try {
                result = work.get();
            } catch (Throwable e) {
                // Handed to the watcher, which rethrows it; nobody waits for an abandoned attempt, which logs it.
                error = e;
            }
            boolean abandoned;
            synchronized (this) {
                abandoned = state == State.ABANDONED;
                left = true;
                if (!abandoned) {
                    state = State.FINISHED;
                    outcome = result;
                    failure = error;
                }
            }
            if (abandoned) {
                lateEnd(result, error);
            }
        }
        changed.run();
    }

    private void lateEnd(PluginStart.Outcome result, Throwable error) {
        if (result != null) {
            release.accept(result);
        }
        if (error != null) {
            log.warn("Plugin '{}' {} ended its start after the deadline with an error", plugin.id(),
                    plugin.info().version(), error);
        }
    }

    DiscoveredPlugin plugin() {
        return plugin;
    }

    String pluginId() {
        return plugin.id();
    }

    /** Whether the watcher no longer waits for it: it finished, was abandoned or was cancelled. */
    synchronized boolean settled() {
        return state == State.FINISHED || state == State.ABANDONED || state == State.CANCELLED;
    }

    /** Nanoseconds until its deadline; {@code deadlineNanos} while it waits for a start thread. */
    synchronized long remainingNanos(long nowNanos, long deadlineNanos) {
        return state == State.RUNNING ? beganNanos + deadlineNanos - nowNanos : deadlineNanos;
    }

    /**
     * If it has run for the deadline or longer, abandons it: records where its thread is, interrupts the
     * thread once, and returns the thread's description.
     */
    synchronized Optional<AbandonedThread> abandonIfOverdue(long nowNanos, long deadlineNanos) {
        if (state != State.RUNNING || nowNanos - beganNanos < deadlineNanos) {
            return Optional.empty();
        }
        return Optional.of(abandon());
    }

    /**
     * Gives it up whatever its deadline: a queued attempt will not begin, a running one is abandoned (and its
     * thread described).
     */
    synchronized Optional<AbandonedThread> giveUp() {
        if (state == State.QUEUED) {
            state = State.CANCELLED;
        }
        return state == State.RUNNING ? Optional.of(abandon()) : Optional.empty();
    }

    private AbandonedThread abandon() {
        state = State.ABANDONED;
        // The stack is read before the interrupt, which would move the thread away from where it was stuck.
        List<String> frames = frames(thread.getStackTrace(), plugin.packages());
        thread.interrupt();
        return new AbandonedThread(thread.getName(), plugin.id(), plugin.info().version(),
                AbandonedThread.PLUGIN_START, frames);
    }

    /** Whether it was abandoned and its thread has not yet come back out of the plugin's start. */
    synchronized boolean stillInside() {
        return state == State.ABANDONED && !left;
    }

    synchronized boolean runsOn(Thread candidate) {
        return thread == candidate;
    }

    synchronized PluginStart.Outcome outcome() {
        return outcome;
    }

    synchronized Throwable failure() {
        return failure;
    }

    /**
     * The innermost frames, down to and including the first frame of the plugin's own code (a class in one of
     * its packages), at most {@value #MAX_FRAMES}; when that frame is deeper, the innermost ones and that frame.
     */
    static List<String> frames(StackTraceElement[] stack, Set<String> packages) {
        int own = -1;
        for (int i = 0; i < stack.length && own < 0; i++) {
            String name = stack[i].getClassName();
            int dot = name.lastIndexOf('.');
            if (packages.contains(dot < 0 ? "" : name.substring(0, dot))) {
                own = i;
            }
        }
        List<String> frames = new ArrayList<>();
        int shown;
        if (own < 0) {
            shown = Math.min(stack.length, MAX_FRAMES);
        } else if (own < MAX_FRAMES) {
            shown = own + 1;
        } else {
            shown = MAX_FRAMES - 1;
        }
        for (int i = 0; i < shown; i++) {
            frames.add(stack[i].toString());
        }
        if (own >= shown) {
            frames.add(stack[own].toString());
        }
        return frames;
    }
}
