package dev.patchbay.host.plugin;

import java.beans.Introspector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases what the JVM keeps of one plugin version once the platform has unloaded it, so that its class loader
 * can be collected: it deregisters the JDBC drivers the plugin's loader defined, clears the JDK's
 * {@link ResourceBundle} and {@link Introspector} caches for it, and reports the threads and shutdown hooks that
 * still carry the loader, which the host must not stop on the plugin's behalf. It never throws for what one
 * driver, thread or hook does: each failure is collected in the report, with its cause. A report that is not
 * empty is logged at WARN with the plugin's id in the MDC.
 *
 * <p>Call it after the plugin's extensions are closed and pf4j has unloaded it, and before its class loader is
 * closed: a driver's {@code DriverAction} is plugin code and may still need to load a class.
 */
public final class PluginUnloadCleanup {

    /** How long the threads still running may take to end before they are reported. */
    public static final Duration DEFAULT_THREAD_GRACE = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(PluginUnloadCleanup.class);

    private final PluginShutdownHooks hooks;
    private final Duration threadGrace;

    /** Reads the JDK's own hook list and gives threads {@link #DEFAULT_THREAD_GRACE}. */
    public PluginUnloadCleanup() {
        this(new PluginShutdownHooks(), DEFAULT_THREAD_GRACE);
    }

    PluginUnloadCleanup(PluginShutdownHooks hooks, Duration threadGrace) {
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        this.threadGrace = Objects.requireNonNull(threadGrace, "threadGrace");
        if (threadGrace.isNegative()) {
            throw new IllegalArgumentException("the thread grace of the plugin unload is " + threadGrace
                    + "; give zero or more");
        }
    }

    /**
     * Cleans up after one unloaded plugin version.
     *
     * @param loader the class loader the version ran in
     * @param pluginId the plugin's id
     * @param pluginVersion the unloaded version
     * @return what was found and done; {@link PluginUnloadReport#isEmpty()} when the plugin left nothing behind
     */
    @SuppressWarnings("try") // the MDC handle is used only for its close()
    public PluginUnloadReport afterUnload(ClassLoader loader, String pluginId, String pluginVersion) {
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(pluginVersion, "pluginVersion");
        String who = "plugin '" + pluginId + "' " + pluginVersion;
        List<Exception> failures = new ArrayList<>();
        List<String> drivers = PluginJdbcDrivers.deregister(new PluginScope(pluginId, loader), who, failures);
        // Both caches hold the plugin's classes through soft references, which a collection keeps while the
        // heap has room, so without this the loader outlives the unload by minutes or more.
        ResourceBundle.clearCache(loader);
        // The JDK only offers a flush of every class's bean information, and only for the calling thread's
        // group; the host runs plugin code in the main group, and the rest is recomputed on first use.
        Introspector.flushCaches();
        List<PluginThread> threads = threadsLeft(loader, pluginId);
        List<String> hooksLeft = hooks.addedBy(loader)
                .map(found -> found.stream().map(Thread::getName).toList()).orElse(List.of());
        PluginUnloadReport report = new PluginUnloadReport(pluginId, pluginVersion, threads, hooksLeft, drivers,
                failures);
        if (!report.isEmpty()) {
            try (PluginMdc ignored = new PluginMdc(pluginId)) {
                warn(who, report);
            }
        }
        return report;
    }

    /** The threads that carry the loader and do not end within the grace, which a plugin's close() may need. */
    private List<PluginThread> threadsLeft(ClassLoader loader, String pluginId) {
        long deadline = System.nanoTime() + threadGrace.toNanos();
        List<PluginThread> left = new ArrayList<>();
        for (Thread thread : PluginThreads.carrying(loader)) {
            long remaining = deadline - System.nanoTime();
            if (remaining > 0 && !Thread.currentThread().isInterrupted()) {
                try {
                    TimeUnit.NANOSECONDS.timedJoin(thread, remaining);
                } catch (InterruptedException e) {
                    // Stop waiting but still report; the caller sees the interrupt.
                    Thread.currentThread().interrupt();
                }
            }
            if (thread.isAlive()) {
                left.add(new PluginThread(thread.getName(), pluginId, PluginThreads.topFrame(thread)));
            }
        }
        return left;
    }

    private static void warn(String who, PluginUnloadReport report) {
        List<String> kept = new ArrayList<>();
        if (!report.threadsLeft().isEmpty()) {
            kept.add(report.threadsLeft().size() + " thread(s) still running: " + report.threadsLeft().stream()
                    .map(thread -> "'" + thread.threadName() + "' at " + thread.topFrame())
                    .collect(Collectors.joining(", ")));
        }
        if (!report.shutdownHooksLeft().isEmpty()) {
            kept.add(report.shutdownHooksLeft().size() + " shutdown hook(s) still registered: " + report
                    .shutdownHooksLeft().stream().map(name -> "'" + name + "'").collect(Collectors.joining(", ")));
        }
        if (!kept.isEmpty()) {
            log.warn("Unloaded {}, but its class loader stays in memory because of {}; fix the plugin to stop its"
                    + " threads and remove its shutdown hooks in close()", who, String.join("; ", kept));
        }
        if (!report.driversDeregistered().isEmpty()) {
            log.warn("Unloaded {}: deregistered the JDBC driver(s) it left registered: {}; a plugin should"
                    + " deregister its drivers in close()", who, report.driversDeregistered());
        }
        for (Exception failure : report.failures()) {
            log.warn("{}", failure.getMessage(), failure);
        }
    }
}
