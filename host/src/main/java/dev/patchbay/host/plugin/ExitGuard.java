package dev.patchbay.host.plugin;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Bounds the JVM's exit. {@code System.exit} runs every shutdown hook and waits for all of them, so one plugin
 * hook that never ends keeps the process alive until SIGKILL. Right before the host calls {@code System.exit},
 * {@link #arm} reports each plugin's registered hook at WARN and starts the daemon thread
 * {@value #THREAD_NAME}: the JVM keeps running daemon threads while the hooks run, so if the guard is still
 * alive once the grace has passed, the exit is stuck. It then prints the hooks still running (name, plugin,
 * frame) to standard error and halts the JVM with the same exit code.
 */
public final class ExitGuard {

    /** The guard thread's name. */
    public static final String THREAD_NAME = "patchbay-exit-guard";

    private static final Logger log = LoggerFactory.getLogger(ExitGuard.class);

    private final Duration grace;
    private final PrintStream err;
    private final PluginShutdownHooks hooks;
    private final IntConsumer halt;

    /**
     * @param grace how long the shutdown hooks may run before the JVM is halted
     * @param err the process's original standard error
     */
    public ExitGuard(Duration grace, PrintStream err) {
        this(grace, err, new PluginShutdownHooks(), code -> Runtime.getRuntime().halt(code));
    }

    ExitGuard(Duration grace, PrintStream err, PluginShutdownHooks hooks, IntConsumer halt) {
        this.grace = Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("the exit grace is " + grace + "; give zero or more");
        }
        this.err = Objects.requireNonNull(err, "err");
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        this.halt = Objects.requireNonNull(halt, "halt");
    }

    /**
     * Reports the plugins' shutdown hooks and starts the guard; call it right before {@code System.exit(code)}.
     * The guard ends without halting if it is interrupted.
     *
     * @param code the exit code, also the one the JVM is halted with
     * @return the started guard thread
     */
    public Thread arm(int code) {
        // Read now: once the exit has begun, the JDK has taken the hooks out of its list.
        Optional<List<Thread>> registered = hooks.registered();
        registered.ifPresent(this::report);
        Thread exiting = Thread.currentThread();
        Thread guard = new Thread(() -> guard(code, registered, exiting), THREAD_NAME);
        guard.setDaemon(true);
        guard.start();
        return guard;
    }

    private void report(List<Thread> registered) {
        String previous = MDC.get(PluginScope.MDC_PLUGIN);
        try {
            for (Thread hook : registered) {
                Optional<String> plugin = PluginThreads.pluginOf(hook);
                if (plugin.isPresent()) {
                    MDC.put(PluginScope.MDC_PLUGIN, plugin.get());
                    log.warn("plugin '{}' registered shutdown hook '{}'; it runs at exit and is given at most {}",
                            plugin.get(), hook.getName(), text(grace));
                }
            }
        } finally {
            if (previous == null) {
                MDC.remove(PluginScope.MDC_PLUGIN);
            } else {
                MDC.put(PluginScope.MDC_PLUGIN, previous);
            }
        }
    }

    private void guard(int code, Optional<List<Thread>> registered, Thread exiting) {
        try {
            // A timed wait, not a condition: the JVM finishing its exit cannot be observed from inside it.
            TimeUnit.NANOSECONDS.sleep(grace.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        List<String> lines = new ArrayList<>();
        TreeSet<String> plugins = new TreeSet<>();
        if (registered.isPresent()) {
            lines.add("patchbay: shutdown hooks are still running " + text(grace) + " after the exit began; halting"
                    + " with exit code " + code + ". Still running:");
            for (Thread hook : registered.get()) {
                if (hook.isAlive()) {
                    Optional<String> plugin = PluginThreads.pluginOf(hook);
                    plugin.ifPresent(plugins::add);
                    lines.add("  shutdown hook '" + hook.getName() + "' "
                            + plugin.map(id -> "of plugin '" + id + "'").orElse("(not a plugin's)") + " at "
                            + PluginThreads.topFrame(hook));
                }
            }
            if (lines.size() == 1) {
                lines.add("  none of the hooks registered before the exit; a hook registered later is blocking it");
            }
        } else {
            lines.add("patchbay: the JVM is still exiting " + text(grace) + " after the exit began; halting with exit"
                    + " code " + code + ". The shutdown hooks cannot be listed (start the JVM with "
                    + PluginShutdownHooks.ADD_OPENS + ", as bin/patchbay does, to name them); threads of plugins"
                    + " still running:");
            Thread self = Thread.currentThread();
            for (PluginThread thread : PluginThreads.running(loader -> true, t -> t == exiting || t == self)) {
                plugins.add(thread.pluginId());
                lines.add("  thread '" + thread.threadName() + "' of plugin '" + thread.pluginId() + "' at "
                        + thread.topFrame());
            }
            if (plugins.isEmpty()) {
                lines.add("  none");
            }
        }
        if (!plugins.isEmpty()) {
            lines.add("patchbay: fix plugin " + String.join(", ", plugins.stream().map(id -> "'" + id + "'").toList())
                    + " so that its shutdown hooks end within runtime.shutdownGraceSeconds (" + text(grace)
                    + "), or remove them");
        }
        for (String line : lines) {
            err.println(line);
        }
        err.flush();
        halt.accept(code);
    }

    /** A duration as the messages show it: whole seconds as {@code 30 s}, anything else in milliseconds. */
    private static String text(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
