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
        Entered entered = new Entered(thread, thread.getContextClassLoader(), MDC.get(MDC_PLUGIN));
        thread.setContextClassLoader(classLoader);
        MDC.put(MDC_PLUGIN, pluginId);
        return entered;
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
}
