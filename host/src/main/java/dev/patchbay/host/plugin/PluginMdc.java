package dev.patchbay.host.plugin;

import org.slf4j.MDC;

/**
 * Tags the lines logged about one plugin (ours and pf4j's) with its id in the MDC while the host works on
 * that plugin outside a {@link PluginScope}; {@link #close()} restores the previous value.
 */
final class PluginMdc implements AutoCloseable {

    private final String previous;

    PluginMdc(String pluginId) {
        previous = MDC.get(PluginScope.MDC_PLUGIN);
        MDC.put(PluginScope.MDC_PLUGIN, pluginId);
    }

    @Override
    public void close() {
        if (previous == null) {
            MDC.remove(PluginScope.MDC_PLUGIN);
        } else {
            MDC.put(PluginScope.MDC_PLUGIN, previous);
        }
    }
}
