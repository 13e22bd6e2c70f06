package dev.patchbay.host.plugin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Finds the live threads that belong to plugins. A thread belongs to the plugin whose {@link PatchbayClassLoader}
 * is its context class loader ({@link PluginScope} sets it around every plugin call, and a thread inherits its
 * creator's), or else to the plugin whose loader defined the thread's class (a plugin's own {@code Thread}
 * subclass). A pool thread created by the JDK on a plugin's behalf that carries neither is not found.
 */
final class PluginThreads {

    private static final Logger log = LoggerFactory.getLogger(PluginThreads.class);

    /** The host's pipeline stage threads, named {@code pipeline-<name>-<role>}; they run plugin code for the host. */
    static final Predicate<Thread> STAGE_THREADS = thread -> thread.getName().startsWith("pipeline-");

    private PluginThreads() {
    }

    /** The plugin class loader a thread carries: its context class loader, else its class's defining loader. */
    static Optional<PatchbayClassLoader> loaderOf(Thread thread) {
        if (thread.getContextClassLoader() instanceof PatchbayClassLoader plugin) {
            return Optional.of(plugin);
        }
        if (thread.getClass().getClassLoader() instanceof PatchbayClassLoader plugin) {
            return Optional.of(plugin);
        }
        return Optional.empty();
    }

    /** The id of the plugin a thread belongs to, if any. */
    static Optional<String> pluginOf(Thread thread) {
        return loaderOf(thread).map(PatchbayClassLoader::pluginId);
    }

    /**
     * The live threads that carry one of the given loaders, except the excluded ones and the calling thread, by
     * plugin id then thread name.
     */
    static List<PluginThread> running(Predicate<PatchbayClassLoader> loaders, Predicate<Thread> excluded) {
        Thread self = Thread.currentThread();
        List<PluginThread> found = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            Thread thread = entry.getKey();
            if (thread == self || excluded.test(thread)) {
                continue;
            }
            loaderOf(thread).filter(loaders).ifPresent(loader -> found.add(new PluginThread(thread.getName(),
                    loader.pluginId(), topFrame(entry.getValue()))));
        }
        found.sort(Comparator.comparing(PluginThread::pluginId).thenComparing(PluginThread::threadName));
        return List.copyOf(found);
    }

    /**
     * The live threads, but the calling thread, that carry this one loader as their context class loader or as
     * the loader of their class, by name; for the unload of one plugin version, whose loader the caller holds.
     */
    static List<Thread> carrying(ClassLoader loader) {
        Thread self = Thread.currentThread();
        List<Thread> found = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread != self && carries(thread, loader)) {
                found.add(thread);
            }
        }
        found.sort(Comparator.comparing(Thread::getName));
        return found;
    }

    /** Whether the thread carries the loader, as its context class loader or as its class's defining loader. */
    static boolean carries(Thread thread, ClassLoader loader) {
        return thread.getContextClassLoader() == loader || thread.getClass().getClassLoader() == loader;
    }

    /** As {@link #running}, and logs each thread at WARN with the plugin's id in the MDC. */
    static List<PluginThread> left(Predicate<PatchbayClassLoader> loaders, Predicate<Thread> excluded) {
        List<PluginThread> left = running(loaders, excluded);
        String previous = MDC.get(PluginScope.MDC_PLUGIN);
        try {
            for (PluginThread thread : left) {
                MDC.put(PluginScope.MDC_PLUGIN, thread.pluginId());
                log.warn("plugin '{}' left thread '{}' running after its stages closed (at {}); it keeps the plugin's"
                        + " class loader alive; fix the plugin to stop its threads in close()", thread.pluginId(),
                        thread.threadName(), thread.topFrame());
            }
        } finally {
            if (previous == null) {
                MDC.remove(PluginScope.MDC_PLUGIN);
            } else {
                MDC.put(PluginScope.MDC_PLUGIN, previous);
            }
        }
        return left;
    }

    /** A thread's current position, as {@link PluginThread#topFrame()} describes it. */
    static String topFrame(Thread thread) {
        return topFrame(thread.getStackTrace());
    }

    private static String topFrame(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String module = frame.getModuleName();
            if (module == null || !(module.startsWith("java.") || module.startsWith("jdk."))) {
                return text(frame);
            }
        }
        return stack.length == 0 ? PluginThread.NO_FRAME : text(stack[0]);
    }

    /** {@code Class.method(File.java:12)}, without the class loader and module prefix of {@code toString()}. */
    private static String text(StackTraceElement frame) {
        String where;
        if (frame.isNativeMethod()) {
            where = "Native Method";
        } else if (frame.getFileName() == null) {
            where = "Unknown Source";
        } else {
            where = frame.getFileName() + (frame.getLineNumber() >= 0 ? ":" + frame.getLineNumber() : "");
        }
        return frame.getClassName() + "." + frame.getMethodName() + "(" + where + ")";
    }
}
