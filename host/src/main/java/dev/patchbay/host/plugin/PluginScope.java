package dev.patchbay.host.plugin;

import java.util.Objects;
import org.slf4j.MDC;

/**
 * The calling context of one plugin: while host code calls into the plugin, the thread's context class
 * loader is the plugin's own and the MDC carries the plugin id, so every log line the plugin writes is
 * tagged with it.
 *
 * <p>Use it as {@code try (PluginScope.Entered ignored = scope.enter()) { ... }}. Scopes nest: leaving
 * restores exactly what was there before.
 *
 * <p>A thread that calls into the plugin again and again (a pipeline stage thread, once per chunk) takes an
 * {@link Entry} instead, which allocates nothing per call; see there for what it leaves between calls.
 */
public final class PluginScope {

    /** The MDC key that holds the id of the plugin whose code is running. */
    public static final String MDC_PLUGIN = "plugin";

    private final String pluginId;
    private final ClassLoader classLoader;

    public PluginScope(String pluginId, ClassLoader classLoader) {
        this.pluginId = Objects.requireNonNull(pluginId, "pluginId");
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    }

    public String pluginId() {
        return pluginId;
    }

    public ClassLoader classLoader() {
        return classLoader;
    }

    /** Switches the current thread into this plugin's context until the returned handle is closed. */
    public Entered enter() {
        Thread thread = Thread.currentThread();
        String previousPlugin = MDC.get(MDC_PLUGIN);
        Entered entered = new Entered(thread, thread.getContextClassLoader(), previousPlugin);
        thread.setContextClassLoader(classLoader);
        if (!pluginId.equals(previousPlugin)) {
            MDC.put(MDC_PLUGIN, pluginId);
        }
        return entered;
    }

    /** A reusable entry into this scope for the current thread's repeated calls; see {@link Entry}. */
    public Entry entry() {
        return new Entry(this);
    }

    /** Restores the thread's previous context class loader and MDC plugin id. */
    public static final class Entered implements AutoCloseable {

        private final Thread thread;
        private final ClassLoader previousLoader;
        private final String previousPlugin;

        private Entered(Thread thread, ClassLoader previousLoader, String previousPlugin) {
            this.thread = thread;
            this.previousLoader = previousLoader;
            this.previousPlugin = previousPlugin;
        }

        @Override
        public void close() {
            thread.setContextClassLoader(previousLoader);
            if (previousPlugin == null) {
                MDC.remove(MDC_PLUGIN);
            } else {
                MDC.put(MDC_PLUGIN, previousPlugin);
            }
        }
    }

    /**
     * A reusable entry into a plugin's scope, for a thread that calls into the plugin again and again: it
     * keeps what it restores in its own fields, so {@link #enter} and {@link #exit} allocate nothing.
     *
     * <p>Between {@code enter()} and {@code exit()} the thread's context class loader is the plugin's and MDC
     * {@code plugin} its id; {@code exit()} puts back the previous loader and plugin id. Where the thread had
     * no plugin id, it leaves {@link MdcSlot#VACANT} instead of removing the key (which would cost a map node
     * on the next call): a line logged between calls still names no plugin.
     *
     * <p>Confined to the thread that enters it, one call at a time; nested calls, of this plugin or another,
     * each take their own {@code Entry} (or {@link PluginScope#enter()}), and nest like scopes. Misuse fails
     * with an {@link IllegalStateException}.
     */
    public static final class Entry {

        private final PluginScope scope;
        private final MdcSlot plugin = new MdcSlot(MDC_PLUGIN);
        // Between enter() and exit(): the entering thread and its loader before; null outside a call.
        private Thread thread;
        private ClassLoader previousLoader;

        private Entry(PluginScope scope) {
            this.scope = scope;
        }

        /** Switches the current thread into the plugin's context until {@link #exit}. */
        public void enter() {
            Thread current = Thread.currentThread();
            if (thread != null) {
                throw new IllegalStateException("PluginScope.Entry of plugin '" + scope.pluginId
                        + "' is already entered on thread '" + thread.getName() + "'; an Entry serves one call at a "
                        + "time: exit() first, or take another Entry from entry() for a nested call");
            }
            thread = current;
            previousLoader = current.getContextClassLoader();
            current.setContextClassLoader(scope.classLoader);
            plugin.set(scope.pluginId);
        }

        /** Restores the context class loader and MDC plugin id that {@link #enter} found. */
        public void exit() {
            Thread current = Thread.currentThread();
            if (thread == null) {
                throw new IllegalStateException("PluginScope.Entry of plugin '" + scope.pluginId
                        + "' was not entered; call enter() before exit()");
            }
            if (current != thread) {
                throw new IllegalStateException("PluginScope.Entry of plugin '" + scope.pluginId
                        + "' was entered on thread '" + thread.getName() + "' but exit() ran on thread '"
                        + current.getName() + "'; an Entry is confined to the thread that enters it");
            }
            current.setContextClassLoader(previousLoader);
            plugin.restore();
            thread = null;
            previousLoader = null;
        }
    }
}
