package dev.patchbay.testkit;

/**
 * Sets the thread context class loader to a plugin's class loader for one call into plugin code and restores
 * the previous one on close, as the host's {@code PluginScope} does:
 * {@code try (PluginCall ignored = PluginCall.enter(loader)) { ... }}.
 */
final class PluginCall implements AutoCloseable {

    private final Thread thread;
    private final ClassLoader previous;

    private PluginCall(Thread thread, ClassLoader previous) {
        this.thread = thread;
        this.previous = previous;
    }

    static PluginCall enter(ClassLoader loader) {
        Thread thread = Thread.currentThread();
        PluginCall call = new PluginCall(thread, thread.getContextClassLoader());
        thread.setContextClassLoader(loader);
        return call;
    }

    /** The loader an object's code runs under: its class's loader, or the system loader for JDK classes. */
    static ClassLoader loaderOf(Object plugin) {
        ClassLoader loader = plugin.getClass().getClassLoader();
        return loader != null ? loader : ClassLoader.getSystemClassLoader();
    }

    @Override
    public void close() {
        thread.setContextClassLoader(previous);
    }
}
